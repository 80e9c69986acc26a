import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';

interface TabDef<T extends string> {
  id: T;
  label: string;
  panel: () => ComponentChildren;
}

interface Props<T extends string> {
  label: string;
  tabs: TabDef<T>[];
  selected: T;
  onSelect: (id: T) => void;
}

/** WAI-ARIA tabs: arrow keys, Home and End move between tabs; only the chosen panel is rendered. */
export function Tabs<T extends string>({ label, tabs, selected, onSelect }: Props<T>) {
  const list = useRef<HTMLDivElement>(null);
  const focusTab = (index: number) => {
    const next = tabs[(index + tabs.length) % tabs.length]!;
    onSelect(next.id);
    list.current?.querySelector<HTMLElement>(`#tab-${next.id}`)?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const i = tabs.findIndex((tab) => tab.id === selected);
    if (e.key === 'ArrowRight') focusTab(i + 1);
    else if (e.key === 'ArrowLeft') focusTab(i - 1);
    else if (e.key === 'Home') focusTab(0);
    else if (e.key === 'End') focusTab(tabs.length - 1);
    else return;
    e.preventDefault();
  };
  const current = tabs.find((tab) => tab.id === selected) ?? tabs[0]!;
  return (
    <>
      <div class="tabs" role="tablist" aria-label={label} ref={list} onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`tab-${tab.id}`}
            data-testid={`tab-${tab.id}`}
            aria-selected={tab.id === selected}
            aria-controls={`panel-${tab.id}`}
            tabIndex={tab.id === selected ? 0 : -1}
            onClick={() => onSelect(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div class="tabs__panel" role="tabpanel" id={`panel-${current.id}`} aria-labelledby={`tab-${current.id}`}>
        {current.panel()}
      </div>
    </>
  );
}
