/**
 * The "sites where this is off" field of the options page (mention marking,
 * selection badge): one host per line. On leaving the field the list is
 * normalised (parseSiteList), shown as normalised, and saved only if it
 * changed. The hint is tied to the field with aria-describedby.
 */
import { useEffect, useState } from 'preact/hooks';
import { parseSiteList } from '@/utils/settings/site-list';

interface Props {
  id: string;
  label: string;
  hint: string;
  sites: readonly string[];
  disabled: boolean;
  onSave(sites: string[]): void;
}

export function SiteListField({ id, label, hint, sites, disabled, onSave }: Props) {
  const stored = sites.join('\n');
  const [text, setText] = useState(stored);
  useEffect(() => setText(stored), [stored]);
  const commit = () => {
    const list = parseSiteList(text);
    setText(list.join('\n'));
    if (list.join('\n') !== stored) onSave(list);
  };
  const hintId = `${id}-hint`;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <textarea
        id={id}
        data-testid={id}
        rows={3}
        value={text}
        placeholder="mail.example.com"
        spellcheck={false}
        disabled={disabled}
        aria-describedby={hintId}
        onInput={(e) => setText(e.currentTarget.value)}
        onBlur={commit}
      />
      <p class="field__hint" id={hintId}>
        {hint}
      </p>
    </div>
  );
}
