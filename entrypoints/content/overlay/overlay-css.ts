/**
 * What every in-page overlay's shadow root starts with, before its own
 * stylesheet: the one palette (components/ui/palette.css, its custom
 * properties on :host) and the frame both overlays share.
 */
import paletteCss from '@/components/ui/palette.css?inline';
import frameCss from './frame.css?inline';

export const OVERLAY_BASE_CSS = paletteCss + frameCss;
