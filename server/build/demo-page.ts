import type { ServiceInfo } from '../content/types.js';

export interface DemoPageOptions {
  readonly helplineName: string;
  /** Where the page loads the widget from, e.g. `/widget.js`. */
  readonly scriptUrl: string;
  /** Where quick exit goes; the widget's default when omitted. */
  readonly exitUrl?: string;
  /** Numbers for the fallback shown if the widget cannot load (default: 999 and Childline). */
  readonly helpNow?: readonly ServiceInfo[];
}

/** Escape text for HTML text and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function fallbackItems(helpNow: readonly ServiceInfo[] | undefined): string {
  const services = helpNow?.filter((s) => s.phone !== undefined).slice(0, 4);
  if (services === undefined || services.length === 0) {
    return [
      '<li>In danger now: call <a href="tel:999">999</a></li>',
      '<li>Childline, for anyone under 19: call <a href="tel:08001111">0800 1111</a></li>',
    ].join('\n          ');
  }
  return services
    .map((s) => {
      const phone = s.phone ?? '';
      return `<li>${escapeHtml(s.name)}: call <a href="tel:${escapeHtml(phone.replace(/[^+\d]/g, ''))}">${escapeHtml(phone)}</a></li>`;
    })
    .join('\n          ');
}

/**
 * A plain demo helpline page: one `<script type="module">`, one `<harbour-chat>` (first in the
 * body, so Quick exit is the first thing Tab reaches) with fallback numbers in its light DOM.
 * No third-party requests: no fonts, no CDNs, inline styles only.
 */
export function demoPage(opts: DemoPageOptions): string {
  const name = escapeHtml(opts.helplineName);
  const exit = opts.exitUrl !== undefined ? ` exit-url="${escapeHtml(opts.exitUrl)}"` : '';
  return `<!doctype html>
<html lang="en-GB">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="referrer" content="no-referrer">
    <title>${name}</title>
    <style>
      :root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
      body { margin: 0 auto; max-width: 40rem; padding: 1rem 1rem 12rem; overflow-wrap: anywhere; }
      a { color: #0b5cad; }
      @media (prefers-color-scheme: dark) { body { background: #121316; color: #f1f1f1; } a { color: #9ccaff; } }
    </style>
    <script type="module" src="${escapeHtml(opts.scriptUrl)}"></script>
  </head>
  <body>
    <harbour-chat helpline-name="${name}"${exit}>
      <aside aria-label="Help if the chat does not load">
        <p>If the chat does not load, you can still get help:</p>
        <ul>
          ${fallbackItems(opts.helpNow)}
        </ul>
      </aside>
    </harbour-chat>
    <header>
      <h1>${name}</h1>
    </header>
    <main>
      <p>Has someone online made you feel worried, scared or uncomfortable? You are not in trouble, and you can talk to us.</p>
      <p>Use the chat at the bottom of the screen. You can leave at any time with the Quick exit button, or by pressing Shift three times.</p>
    </main>
  </body>
</html>
`;
}
