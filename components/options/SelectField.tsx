/** One labelled `<select>` of the settings page: the label, the choices and what a change saves. */
export function SelectField<T extends string>(props: {
  id: string;
  label: string;
  value: T;
  choices: readonly T[];
  /** The text shown for a choice. */
  text(choice: T): string;
  onChange(value: T): void;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} data-testid={props.id} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value as T)}>
        {props.choices.map((c) => (
          <option key={c} value={c}>
            {props.text(c)}
          </option>
        ))}
      </select>
    </div>
  );
}
