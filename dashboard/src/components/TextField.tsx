import type { InputHTMLAttributes } from 'react';
import { Field } from './common';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'>;

/**
 * A labelled text input bound to a string state: the input takes the field's id, so the label
 * names it; every other input attribute (type, required, autoComplete…) passes through.
 */
export function TextField({
  label,
  id,
  hint,
  error,
  value,
  onChange,
  ...input
}: InputProps & {
  label: string;
  id: string;
  hint?: string;
  error?: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <Field label={label} id={id} hint={hint} error={error}>
      <input id={id} value={value} onChange={(e) => onChange(e.target.value)} {...input} />
    </Field>
  );
}
