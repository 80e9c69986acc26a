/**
 * The protocol's channel name and the one check that needs no schema: is
 * this message ours at all? (The content script every page runs uses it to
 * leave other messages alone before loading any validation code.)
 */
export const CHANNEL = 'token-insight/v1';

export function isProtocolMessage(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { channel?: unknown }).channel === CHANNEL;
}
