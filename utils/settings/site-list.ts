/**
 * Turns what a user types into a list of sites (one per line or comma
 * separated; addresses, ports, paths, `www.` and `*.` allowed) into the
 * lower-case host names the settings keep. Pure: no browser globals.
 */
export function parseSiteList(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/[\n,]+/)) {
    let site = raw.trim().toLowerCase();
    if (!site) continue;
    if (/^[a-z][a-z0-9+.-]*:\/\//.test(site)) {
      try {
        site = new URL(site).hostname;
      } catch {
        // Not a valid address: keep the text and clean it below.
      }
    }
    site = site.replace(/[/?#].*$/, '').replace(/:\d+$/, '').replace(/^\*\./, '').replace(/^www\./, '').replace(/\.$/, '');
    if (!/^[a-z0-9.-]+$|^\[[0-9a-f:]+\]$/.test(site) || site.length > 253) continue;
    if (!out.includes(site)) out.push(site);
  }
  return out;
}
