/**
 * The one way Token Insight puts UI on a page: a shadow root (WXT
 * createShadowRootUi) appended to the document element — never inside the
 * page's content — whose container is fixed-positioned above everything and
 * hidden until its owner has placed it. Keys pressed inside stay inside.
 * The card host and the badge host each own one.
 *
 * Nothing here or in the hosts reads `host.shadowRoot`: they keep the
 * references WXT returns, so the roots are closed to the page in the
 * product (`host.shadowRoot` is null for it: it cannot read the ★ state or
 * rewrite a price), and untrusted input events never reach a handler inside
 * (./trusted-only.ts).
 */
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { acceptTrustedOnly } from './trusted-only';

/** The overlays' shadow-root mode, for both hosts: closed to the page. The e2e build keeps them open: the tests' locators reach inside. */
export const OVERLAY_SHADOW_MODE: ShadowRootMode = import.meta.env.MODE === 'e2e' ? 'open' : 'closed';

export interface OverlayOptions {
  /** The shadow host's tag name. */
  name: string;
  /** The UI's stylesheet, inlined into the shadow root (works under any page CSP). */
  css: string;
  /** Called once with the container: keep it, add listeners. */
  onMount(container: HTMLElement): void;
  /** Called when the page context goes away and the UI is removed: the owner unrenders its container. */
  onRemove(): void;
}

export async function mountOverlay(ctx: ContentScriptContext, options: OverlayOptions): Promise<ShadowRootContentScriptUi<void>> {
  const ui = await createShadowRootUi<void>(ctx, {
    name: options.name,
    position: 'overlay',
    mode: OVERLAY_SHADOW_MODE,
    anchor: () => document.documentElement,
    append: 'last',
    css: options.css,
    isolateEvents: ['keydown', 'keyup', 'keypress'],
    onMount: (container, shadow) => {
      acceptTrustedOnly(shadow);
      Object.assign(container.style, {
        position: 'fixed',
        left: '0px',
        top: '0px',
        zIndex: '2147483647',
        visibility: 'hidden',
      });
      options.onMount(container);
    },
    onRemove: () => options.onRemove(),
  });
  ui.mount();
  return ui;
}
