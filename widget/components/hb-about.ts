import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { RETENTION_DAYS } from '../generated/help-now.js';
import { controls } from '../theme.styles.js';

/**
 * "About this chat": what a child should know before they type, in words a 9-year-old can follow.
 * Each heading answers one question a child (or their parent) would ask.
 *
 * @csspart section - The whole panel.
 */
@customElement('hb-about')
export class HbAbout extends LitElement {
  static override styles = [
    controls,
    css`
      :host {
        display: block;
        padding: 0.75rem;
        overflow-wrap: anywhere;
      }
      h2 {
        font-size: 1.125rem;
        margin: 0 0 0.5rem;
      }
      h3 {
        font-size: 1rem;
        margin: 0.75rem 0 0.25rem;
      }
      p {
        margin: 0.25rem 0;
      }
    `,
  ];

  /** The helpline's name, as the child knows it. */
  @property({ attribute: 'helpline-name' }) helplineName = 'the helpline';
  /** Days a chat is kept before it is deleted. */
  @property({ type: Number, attribute: 'retention-days' }) retentionDays = RETENTION_DAYS;

  protected override render() {
    const h = this.helplineName;
    return html`<section part="section" aria-labelledby="about-title">
      <h2 id="about-title">About this chat</h2>

      <h3>Who am I talking to?</h3>
      <p>
        You are talking to a computer helper, not a person. ${h} made it to listen and to help you find the right help. If you
        want to talk to a real person, it can ask a counsellor to join.
      </p>

      <h3>What happens to my words?</h3>
      <p>
        Your messages are kept safely on ${h}'s computers, not on this device. We keep them for ${this.retentionDays} days and
        then delete them. If we are worried about your safety, we may keep them for longer to help protect you.
      </p>

      <h3>Who can read them?</h3>
      <p>Counsellors at ${h}, and their supervisors, who help them do a good job. Nobody else.</p>

      <h3>Would anyone else be told?</h3>
      <p>
        Only if we think you or another young person is in danger. Then we may need to tell people whose job is to keep
        children safe, like the police or social workers. We will try to talk to you about it first.
      </p>

      <h3>What can Quick exit not hide?</h3>
      <p>
        Quick exit closes this chat fast and wipes it from this page. You can also press the Shift key 3 times. It cannot
        remove the pages you visited before, which may still be in your browser history. Using a private or incognito window
        is safer.
      </p>

      <h3>How do I delete my chat?</h3>
      <p>Type <strong>delete my chat</strong> and send it. We will delete it. If we need to keep it to keep you safe, we will tell you.</p>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hb-about': HbAbout;
  }
}
