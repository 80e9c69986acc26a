/**
 * Long texts from a tab arrive in slices (`tokens.upload`) before the request
 * that uses them (`tokens.count`, `tokenView.open`): this keeps them, one
 * text per tab (a newer one drops the older), checks sizes before anything
 * is joined, caps what all tabs have waiting together, and forgets slices
 * nobody finished.
 */
import { ProtocolError } from '@/utils/protocol/validate';
import { TEXT_MAX_CHARS } from '@/utils/model/limits';

/** Most text one tab may have waiting in uploaded slices (the protocol's own limit). */
export const MAX_UPLOAD_CHARS = TEXT_MAX_CHARS;
/** Most text waiting in uploaded slices from all tabs together. */
export const MAX_UPLOADS_TOTAL_CHARS = 2 * MAX_UPLOAD_CHARS;
/** Slices nobody finished (the tab went away) are dropped after this long. */
const UPLOAD_TTL_MS = 120_000;

interface Upload {
  tabKey: number;
  parts: string[];
  size: number;
  touched: number;
}

export class TextUploads {
  private readonly uploads = new Map<string, Upload>();

  private waitingChars(): number {
    let total = 0;
    for (const u of this.uploads.values()) total += u.size;
    return total;
  }

  /** Drops this tab's other uploads (a newer text replaced them) and stale ones. */
  drop(tabKey: number, keep: string | null): void {
    const now = Date.now();
    for (const [id, u] of this.uploads) {
      if ((u.tabKey === tabKey && id !== keep) || now - u.touched > UPLOAD_TTL_MS) this.uploads.delete(id);
    }
  }

  /** Adds a slice to the text `requestId` of this tab; returns the characters received so far. */
  add(requestId: string, tabKey: number, text: string): number {
    this.drop(tabKey, requestId);
    let upload = this.uploads.get(requestId);
    if (!upload) {
      upload = { tabKey, parts: [], size: 0, touched: Date.now() };
      this.uploads.set(requestId, upload);
    }
    if (upload.tabKey !== tabKey) throw new ProtocolError('forbidden', 'This upload belongs to another tab.');
    if (upload.size + text.length > MAX_UPLOAD_CHARS) {
      this.uploads.delete(requestId);
      throw new ProtocolError('bad-payload', 'The text is too long to count (over 50 million characters).');
    }
    if (this.waitingChars() + text.length > MAX_UPLOADS_TOTAL_CHARS) {
      this.uploads.delete(requestId);
      throw new ProtocolError('failed', 'Too much text is waiting to be counted in other tabs. Try again in a moment.');
    }
    upload.parts.push(text);
    upload.size += text.length;
    upload.touched = Date.now();
    return upload.size;
  }

  /**
   * The whole text: the slices sent for `requestId` from this tab followed by
   * `last`. Fails with "cancelled" when they are gone (a newer text replaced
   * them, or the worker restarted and forgot them).
   */
  take(requestId: string, tabKey: number, last: string): string {
    const upload = this.uploads.get(requestId);
    if (!upload || upload.tabKey !== tabKey) {
      throw new ProtocolError('cancelled', 'The start of this text was replaced by a newer selection.');
    }
    this.uploads.delete(requestId);
    // Checked before joining: the joined copy is the allocation the limit is there to bound.
    if (upload.size + last.length > MAX_UPLOAD_CHARS) {
      throw new ProtocolError('bad-payload', 'The text is too long to count (over 50 million characters).');
    }
    return upload.parts.join('') + last;
  }

  /** Forgets the text `requestId`; true if it was waiting. */
  cancel(requestId: string): boolean {
    return this.uploads.delete(requestId);
  }
}
