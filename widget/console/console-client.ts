import type { ServerFrame } from './types.js';

/** An API error with the server's code and plain message. */
export class ConsoleApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/**
 * The console's door to the server: JSON calls with the CSRF token, and the live socket with
 * reconnect. The session cookie is HttpOnly, so the script never sees it; the browser sends it.
 */
export class ConsoleClient {
  csrfToken = '';
  #socket: WebSocket | null = null;
  #retry = 0;
  #stopped = true;
  #pingTimer: ReturnType<typeof setInterval> | null = null;
  #lastActive = 0;

  constructor(
    private readonly onFrame: (frame: ServerFrame) => void,
    private readonly onConnection: (state: 'connecting' | 'open' | 'closed' | 'signed-out') => void,
  ) {}

  async call<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const res = await fetch(`/console/api${path}`, {
      method,
      credentials: 'same-origin',
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(method === 'GET' ? {} : { 'x-csrf-token': this.csrfToken }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const data = (await res.json().catch(() => ({}))) as { code?: string; message?: string; retryAfterMs?: number };
    if (!res.ok) throw new ConsoleApiError(res.status, data.code ?? 'HARBOUR_ERR_CONSOLE', data.message ?? 'Something went wrong.', data.retryAfterMs);
    return data as T;
  }

  /** Opens the live socket; reconnects with backoff until {@link stop}. */
  connect(): void {
    this.#stopped = false;
    this.#open();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#pingTimer) clearInterval(this.#pingTimer);
    this.#socket?.close(1000);
    this.#socket = null;
  }

  send(frame: Record<string, unknown>): void {
    if (this.#socket?.readyState === WebSocket.OPEN) this.#socket.send(JSON.stringify(frame));
  }

  /** The counsellor did something: tell the server at most once a minute (it keeps the session alive). */
  noteActivity(): void {
    const now = Date.now();
    if (now - this.#lastActive < 60_000) return;
    this.#lastActive = now;
    this.send({ type: 'active' });
  }

  #open(): void {
    this.onConnection('connecting');
    const url = new URL('/console/socket', location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url);
    this.#socket = socket;
    socket.addEventListener('open', () => {
      this.#retry = 0;
      this.onConnection('open');
      if (this.#pingTimer) clearInterval(this.#pingTimer);
      this.#pingTimer = setInterval(() => this.send({ type: 'ping' }), 25_000);
    });
    socket.addEventListener('message', (e) => {
      try {
        this.onFrame(JSON.parse(String(e.data)) as ServerFrame);
      } catch {
        // A frame we cannot read is ignored; the next queue frame brings the truth.
      }
    });
    socket.addEventListener('close', (e) => {
      if (this.#socket !== socket) return;
      if (this.#pingTimer) clearInterval(this.#pingTimer);
      if (e.code === 4401 || e.code === 1006 && this.#retry > 3) {
        // 4401: the session ended. A socket refused at the upgrade looks like 1006: after a few, ask to sign in.
        this.onConnection('signed-out');
        this.#stopped = true;
        return;
      }
      this.onConnection('closed');
      if (this.#stopped) return;
      const delay = Math.min(30_000, 500 * 2 ** this.#retry) * (0.5 + Math.random() / 2);
      this.#retry += 1;
      setTimeout(() => {
        if (!this.#stopped) this.#open();
      }, delay);
    });
  }
}

/** A short, gentle two-tone alert made in the browser (no file, no third party). */
export function playAlertSound(): void {
  try {
    const ctx = new AudioContext();
    const gain = ctx.createGain();
    gain.gain.value = 0.08;
    gain.connect(ctx.destination);
    [660, 880].forEach((hz, i) => {
      const osc = ctx.createOscillator();
      osc.frequency.value = hz;
      osc.connect(gain);
      osc.start(ctx.currentTime + i * 0.22);
      osc.stop(ctx.currentTime + i * 0.22 + 0.18);
    });
    setTimeout(() => void ctx.close(), 1000);
  } catch {
    // No audio available: the visual alert still shows.
  }
}
