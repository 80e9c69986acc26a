import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { acceptTrustedOnly } from '@/entrypoints/content/overlay/trusted-only';

afterEach(() => document.body.replaceChildren());

function mount(): { host: HTMLElement; button: HTMLButtonElement; clicks: string[] } {
  const host = document.createElement('div');
  document.body.append(host);
  const shadow = host.attachShadow({ mode: 'open' }) // open so the test's real click can reach it;
  acceptTrustedOnly(shadow);
  const button = document.createElement('button');
  button.textContent = '★';
  const clicks: string[] = [];
  button.addEventListener('click', (e) => clicks.push(`click:${e.isTrusted}`));
  button.addEventListener('pointerover', (e) => clicks.push(`pointerover:${e.isTrusted}`));
  button.addEventListener('keydown', (e) => clicks.push(`keydown:${e.isTrusted}`));
  shadow.append(button);
  return { host, button, clicks };
}

describe('acceptTrustedOnly', () => {
  it('stops .click(), synthetic pointer and key events before any handler inside', () => {
    const { button, clicks } = mount();
    button.click();
    button.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true }));
    button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    expect(clicks).toEqual([]);
  });

  it("lets the user's own click through", async () => {
    const { button, clicks } = mount();
    await userEvent.click(button);
    expect(clicks).toContain('click:true');
  });
});
