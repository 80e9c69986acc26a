/**
 * The saved pages of the page-weight bench, generated deterministically from
 * text on disk (no network) into bench/pages/out/ (git-ignored: the huge-DOM
 * page alone is megabytes), and a static HTTP server on 127.0.0.1 for them.
 *
 * Written to look like the real thing to a content script: header navigation,
 * an article or thread, side lists, a footer full of links, and the page's own
 * scripts (a consent banner, reading time, "most read" built from JSON, lazy
 * figures), so pages have main-thread work of their own.
 * Sources: `bench/pages/bare.html` (example.com), `bench/pages/es-news.txt`
 * (Spanish, written for this bench), English prose and Markdown from installed
 * packages' READMEs (`bench/corpora.ts`), the Hindi fixture, the labelled
 * crypto-news snippets of tests/fixtures/mentions/, and Preact's ESM build
 * from node_modules for the client-rendered forum thread.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { englishCorpus, hindiCorpus, random } from './corpora';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PAGES = join(ROOT, 'bench/pages');
export const OUT_DIR = join(PAGES, 'out');

export interface BenchPage {
  id: string;
  /** What the page stands for, for the report. */
  label: string;
  path: string;
  /** The page has token mentions the extension should mark. */
  mentions: boolean;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** English prose paragraphs: README lines that read as sentences, Markdown stripped. */
function englishProse(): string[] {
  return englishCorpus(1_000_000)
    .split('\n')
    .map((l) =>
      l
        .trim()
        .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/[`*_]/g, ''),
    )
    .filter((l, i, all) => /^[A-Z][^|#<>{}=\\]{60,}[.!?]$/.test(l) && !/https?:/.test(l) && all.indexOf(l) === i);
}

/** `n` paragraphs of 2–4 sentences drawn from `lines`. */
function paragraphs(lines: string[], n: number, next: () => number): string[] {
  return Array.from({ length: n }, () => pick(lines, 2 + Math.floor(next() * 3), next).join(' '));
}

/** The labelled mention snippets with their markup removed. */
function mentionSnippets(file: string): string[] {
  return readFileSync(join(ROOT, 'tests/fixtures/mentions', file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !/^#(?!\[\[)/.test(l))
    .map((l) => l.replace(/\[\[([^|\]]*)\|[^\]]*\]\]/g, '$1').replace(/\\n/g, ' '));
}

const NAV = ['World', 'Politics', 'Business', 'Markets', 'Technology', 'Science', 'Health', 'Sport', 'Culture', 'Opinion', 'Travel', 'Video'];

function chrome(lang: string, title: string, body: string, extraHead = ''): string {
  const links = (n: number, prefix: string) =>
    Array.from({ length: n }, (_, i) => `<li><a href="/${prefix}/${i}">${NAV[i % NAV.length]} ${prefix} ${i + 1}</a></li>`).join('');
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>
body{margin:0;font:17px/1.6 Georgia,"Noto Serif",serif;color:#1b1b1b;background:#fff}
header{border-bottom:1px solid #ddd;padding:8px 24px;display:flex;gap:16px;align-items:center;font-family:system-ui,sans-serif}
header nav ul{display:flex;gap:14px;list-style:none;margin:0;padding:0;flex-wrap:wrap}
header a,footer a{color:#333;text-decoration:none;font-size:14px}
.wrap{display:grid;grid-template-columns:minmax(0,720px) 300px;gap:40px;max-width:1100px;margin:24px auto;padding:0 16px}
h1{font-size:2.2rem;line-height:1.15}
.byline{font:14px system-ui,sans-serif;color:#555}
figure{margin:24px 0}.ph{aspect-ratio:16/9;background:linear-gradient(135deg,#c9d6df,#52616b)}
figcaption{font:13px system-ui,sans-serif;color:#666}
blockquote{border-left:4px solid #c00;margin:24px 0;padding-left:16px;font-size:1.3rem}
aside h2{font:700 16px system-ui,sans-serif;border-top:3px solid #111;padding-top:6px}
aside ol{padding-left:20px;font:15px/1.4 system-ui,sans-serif}aside li{margin:8px 0}
footer{background:#111;color:#ccc;padding:24px}footer ul{columns:4;list-style:none;padding:0}footer a{color:#ccc}
.consent{position:fixed;bottom:0;left:0;right:0;background:#222;color:#fff;padding:12px;font:14px system-ui,sans-serif}
pre{background:#f6f8fa;padding:12px;overflow:auto;font:13px/1.45 ui-monospace,monospace}.k{color:#d73a49}.s{color:#032f62}.n{color:#005cc5}
</style>${extraHead}</head>
<body><header><strong>The Daily Example</strong><nav><ul>${NAV.map((n) => `<li><a href="/${n.toLowerCase()}">${n}</a></li>`).join('')}</ul></nav><input type="search" placeholder="Search" aria-label="Search"></header>
${body}
<footer><ul>${links(60, 'section')}</ul><p>© 2026 The Daily Example</p></footer>
</body></html>`;
}

/** The page's own scripts: what a typical news site runs at load. */
const NEWS_SCRIPT = `<script>
(() => {
  const data = JSON.parse(document.getElementById('most-read').textContent);
  const ol = document.querySelector('#most ol');
  for (const item of data) { const li = document.createElement('li'); const a = document.createElement('a'); a.href = item.href; a.textContent = item.title; li.append(a); ol.append(li); }
  const words = document.querySelector('article').innerText.split(/\\s+/).length;
  document.getElementById('reading').textContent = Math.max(1, Math.round(words / 230)) + ' min read';
  const io = new IntersectionObserver((es) => { for (const e of es) if (e.isIntersecting) { e.target.classList.add('seen'); io.unobserve(e.target); } });
  document.querySelectorAll('figure').forEach((f) => io.observe(f));
  if (!document.cookie.includes('consent=')) { const c = document.createElement('div'); c.className = 'consent'; c.textContent = 'We use cookies to improve your experience.'; const b = document.createElement('button'); b.textContent = 'Accept'; b.onclick = () => { document.cookie = 'consent=1'; c.remove(); }; c.append(' ', b); document.body.append(c); }
  window.dataLayer = []; for (let i = 0; i < 200; i++) window.dataLayer.push({ event: 'view', i, t: performance.now() });
})();
</script>`;

function newsPage(lang: string, title: string, paragraphs: string[], next: () => number, asideTitles: string[]): string {
  const body: string[] = [];
  paragraphs.forEach((p, i) => {
    body.push(`<p>${escape(p)}</p>`);
    if (i === 3) body.push(`<figure><div class="ph" role="img" aria-label="Photo"></div><figcaption>${escape(asideTitles[0]!)}</figcaption></figure>`);
    if (i === 7) body.push(`<blockquote>${escape(paragraphs[1]!.split(/[.।]/)[0]!)}</blockquote>`);
    if (i === 11) body.push(`<figure><div class="ph" role="img" aria-label="Chart"></div><figcaption>${escape(asideTitles[1]!)}</figcaption></figure>`);
  });
  const mostRead = asideTitles.slice(0, 10).map((t, i) => ({ title: t, href: `/story/${i}` }));
  const latest = asideTitles.slice(10, 20).map((t, i) => `<li><a href="/latest/${i}">${escape(t)}</a></li>`).join('');
  const minutes = 5 + Math.floor(next() * 50);
  return chrome(
    lang,
    title,
    `<div class="wrap"><main><article><h1>${escape(title)}</h1>
<p class="byline">By Staff Reporter · <time datetime="2026-11-20T08:${minutes}:00Z">20 November 2026</time> · <span id="reading"></span></p>
${body.join('\n')}</article></main>
<aside><section id="most"><h2>Most read</h2><ol></ol></section><section><h2>Latest</h2><ol>${latest}</ol></section></aside></div>
<script type="application/json" id="most-read">${JSON.stringify(mostRead).replace(/</g, '\\u003c')}</script>${NEWS_SCRIPT}`,
  );
}

function pick<T>(items: T[], n: number, next: () => number): T[] {
  return Array.from({ length: n }, () => items[Math.floor(next() * items.length)]!);
}

/** A title-like cut of a sentence. */
const headline = (s: string) => s.split(/[,.;:!?।]/)[0]!.split(/\s+/).slice(0, 10).join(' ');

function docsPage(markdown: string): string {
  const highlight = (code: string) =>
    escape(code).replace(
      /(&quot;[^&]*?&quot;|'[^'\n]*')|\b(import|from|export|const|let|function|return|await|async|new|if|else|type|interface)\b|\b(\d+)\b/g,
      (m, s, k, n) => (s ? `<span class="s">${m}</span>` : k ? `<span class="k">${m}</span>` : n ? `<span class="n">${m}</span>` : m),
    );
  const out: string[] = [];
  const toc: string[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('```')) {
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i]!.startsWith('```'); i++) code.push(lines[i]!);
      out.push(`<pre><code>${highlight(code.join('\n'))}</code></pre>`);
    } else if (/^#{1,6} /.test(line)) {
      const text = line.replace(/^#+ /, '').replace(/[`*_]/g, '');
      const id = `h${toc.length}`;
      toc.push(`<li><a href="#${id}">${escape(text)}</a></li>`);
      out.push(`<h${Math.min(4, line.indexOf(' ') + 1)} id="${id}">${escape(text)}</h${Math.min(4, line.indexOf(' ') + 1)}>`);
    } else if (/^\s*[-*] /.test(line)) {
      out.push(`<ul><li>${escape(line.replace(/^\s*[-*] /, ''))}</li></ul>`);
    } else if (line.trim() && !/^[<|!]/.test(line.trim())) {
      out.push(`<p>${escape(line).replace(/`([^`]+)`/g, '<code>$1</code>')}</p>`);
    }
  }
  return chrome(
    'en',
    'API reference — Example Docs',
    `<div class="wrap" style="grid-template-columns:260px minmax(0,760px)"><nav aria-label="On this page"><ol style="font:13px/1.5 system-ui;max-height:90vh;overflow:auto">${toc.join('')}</ol></nav><main><article>${out.join('\n')}</article></main></div>`,
  );
}

/** Tens of thousands of nodes: a 3,000-row data table, as on a big report or a long list page. */
function hugeDomPage(next: () => number, words: string[]): string {
  const rows: string[] = [];
  for (let r = 0; r < 3000; r++) {
    const cells = [
      String(r + 1),
      `${words[Math.floor(next() * words.length)]} ${words[Math.floor(next() * words.length)]}`,
      `2026-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`,
      (next() * 10000).toFixed(2),
      (next() * 100).toFixed(1) + '%',
      words[Math.floor(next() * words.length)]!,
      String(Math.floor(next() * 1e6)),
      next() < 0.5 ? 'open' : 'closed',
    ];
    rows.push(`<tr>${cells.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`);
  }
  return chrome(
    'en',
    'Quarterly report — all entries',
    `<main style="padding:16px"><h1>All entries</h1><table style="font:13px system-ui;border-collapse:collapse"><thead><tr>${['#', 'Name', 'Date', 'Amount', 'Share', 'Category', 'Reference', 'Status'].map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table></main>`,
  );
}

/** A long forum thread rendered in the browser by the page's own Preact app from embedded JSON (as Discourse does). */
function forumPage(prose: string[], snippets: string[], next: () => number): string {
  const names = ['mara_k', 'devon', 'lin.wei', 'okafor', 'rustacean42', 'j.silva', 'amelie', 'quietstorm', 'pkumar', 'nadia'];
  const posts = Array.from({ length: 160 }, (_, i) => ({
    id: i + 1,
    user: names[Math.floor(next() * names.length)],
    minutesAgo: 160 - i + Math.floor(next() * 30),
    likes: Math.floor(next() * 40),
    paragraphs: pick(i % 9 === 4 ? snippets : prose, 1 + Math.floor(next() * 4), next),
  }));
  const app = `import { h, render } from 'preact';
import { useState } from 'preact/hooks';
const posts = JSON.parse(document.getElementById('thread-data').textContent);
const ago = (m) => m < 60 ? m + ' min' : Math.floor(m / 60) + ' h';
function Post({ post }) {
  const [likes, setLikes] = useState(post.likes);
  return h('article', { class: 'post', id: 'post-' + post.id },
    h('div', { class: 'avatar', style: 'background:hsl(' + (post.user.length * 37) % 360 + ' 60% 60%)' }, post.user[0].toUpperCase()),
    h('div', { class: 'body' },
      h('header', null, h('strong', null, post.user), ' · ', h('time', null, ago(post.minutesAgo) + ' ago'), h('a', { href: '#post-' + post.id }, ' #' + post.id)),
      post.paragraphs.map((p) => h('p', null, p)),
      h('footer', null, h('button', { onClick: () => setLikes(likes + 1) }, '♥ ' + likes), h('button', null, 'Reply'), h('button', null, 'Share'))));
}
function Thread() {
  return h('main', { class: 'thread' }, h('h1', null, 'Which tokenizer do you use for long documents?'),
    h('p', { class: 'meta' }, posts.length + ' replies'), posts.map((p) => h(Post, { post: p, key: p.id })));
}
render(h(Thread), document.getElementById('app'));`;
  const head = `<script type="importmap">{"imports":{"preact":"/vendor/preact.mjs","preact/hooks":"/vendor/hooks.mjs"}}</script>
<style>.thread{max-width:820px;margin:24px auto;font:15px/1.55 system-ui,sans-serif}.post{display:flex;gap:12px;border-top:1px solid #e5e5e5;padding:14px 0}.avatar{flex:0 0 40px;height:40px;border-radius:50%;display:grid;place-items:center;color:#fff;font-weight:700}.post footer{background:none;padding:0;display:flex;gap:8px}.post button{border:0;background:#f2f2f2;border-radius:4px;padding:2px 8px}</style>`;
  return chrome(
    'en',
    'Which tokenizer do you use for long documents? — Example Forum',
    `<div id="app"></div><script type="application/json" id="thread-data">${JSON.stringify(posts).replace(/</g, '\\u003c')}</script><script type="module">${app}</script>`,
    head,
  );
}

/** Writes every page to bench/pages/out/ and returns the list, bare page first. */
export function generatePages(): BenchPage[] {
  mkdirSync(join(OUT_DIR, 'vendor'), { recursive: true });
  const next = random(2026);
  const prose = englishProse();
  const enSnippets = mentionSnippets('positives-en.txt');
  const enNegatives = mentionSnippets('negatives-en.txt');
  const hindi = hindiCorpus(12_000).split(/\n\n/).map((p) => p.trim()).filter((p) => p.length > 40);
  const spanish = readFileSync(join(PAGES, 'es-news.txt'), 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  const titles = prose.map(headline).filter((t) => t.split(' ').length >= 5);

  const write = (name: string, html: string) => writeFileSync(join(OUT_DIR, name), html);
  write('bare.html', readFileSync(join(PAGES, 'bare.html'), 'utf8'));
  const enTitle = 'Volunteers who keep popular open-source tools alive ask companies to pay their share';
  write('news-en.html', newsPage('en', enTitle, paragraphs(prose, 18, next), next, pick(titles, 20, next)));
  // Crypto news: mention-dense snippets in prose, with the hard negatives a real page also has.
  const crypto: string[] = [];
  for (let i = 0; i < 18; i++) crypto.push([...pick(enSnippets, 3, next), ...pick(enNegatives, 1, next)].join(' '));
  write('news-crypto.html', newsPage('en', 'AI tokens rally as Bittensor and Fetch.ai lead the market', crypto, next, pick(titles, 20, next)));
  const hiTitle = 'भाषा मॉडल और भारतीय भाषाएँ: टोकन की गिनती से बदलती है लागत';
  write('news-hi.html', newsPage('hi', hiTitle, hindi.slice(0, 18), next, hindi.slice(18, 38).map(headline)));
  write('news-es.html', newsPage('es', spanish[0]!, spanish.slice(1), next, [...spanish.slice(1), ...spanish.slice(1)].map(headline)));
  write('forum.html', forumPage(prose, [...enSnippets, ...enNegatives], next));
  write('docs.html', docsPage(englishCorpus(1_000_000).slice(200_000, 320_000)));
  write('huge-dom.html', hugeDomPage(next, prose.join(' ').split(/\s+/).filter((w) => /^[a-z]{4,}$/.test(w))));
  for (const f of ['preact.mjs']) writeFileSync(join(OUT_DIR, 'vendor', f), readFileSync(join(ROOT, 'node_modules/preact/dist', f)));
  writeFileSync(join(OUT_DIR, 'vendor/hooks.mjs'), readFileSync(join(ROOT, 'node_modules/preact/hooks/dist/hooks.mjs')));

  return [
    { id: 'bare', label: 'bare page (example.com)', path: '/bare.html', mentions: false },
    { id: 'news-en', label: 'news, English', path: '/news-en.html', mentions: false },
    { id: 'news-crypto', label: 'crypto news, English (mentions)', path: '/news-crypto.html', mentions: true },
    { id: 'news-hi', label: 'news, Hindi', path: '/news-hi.html', mentions: false },
    { id: 'news-es', label: 'news, Spanish', path: '/news-es.html', mentions: false },
    { id: 'forum', label: 'forum thread, 160 posts, client-rendered (Preact)', path: '/forum.html', mentions: true },
    { id: 'docs', label: 'documentation page', path: '/docs.html', mentions: false },
    { id: 'huge-dom', label: 'huge DOM (3,000-row table)', path: '/huge-dom.html', mentions: false },
  ];
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8' };

/** Serves bench/pages/out/ on 127.0.0.1 (an ephemeral port). */
export async function servePages(): Promise<{ origin: string; stop(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = normalize(join(OUT_DIR, new URL(req.url ?? '/', 'http://x').pathname));
    if (!path.startsWith(OUT_DIR)) return void res.writeHead(403).end();
    try {
      const body = readFileSync(path);
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
