import { safeLink } from '@/utils/summaries';

/** A page from the history: its title as a link when the address is a safe web link, else plain text. */
export function PageLink({ url, title }: { url: string; title: string }) {
  const href = safeLink(url);
  const text = title || url;
  return href ? (
    <a href={href} target="_blank" rel="noopener noreferrer" title={url}>
      {text}
    </a>
  ) : (
    <>{text}</>
  );
}
