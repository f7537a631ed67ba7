import type { InputHTMLAttributes } from "react";

type FieldProps = {
  label: string;
  name: string;
  error?: string;
  help?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "name">;

/** A labelled input whose error and help text are tied to it for screen readers. */
export function Field({ label, name, error, help, id, ...input }: FieldProps) {
  const inputId = id ?? `field-${name}`;
  const describedBy = [help ? `${inputId}-help` : null, error ? `${inputId}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      {help ? (
        <p className="help" id={`${inputId}-help`}>
          {help}
        </p>
      ) : null}
      <input
        id={inputId}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...input}
      />
      {error ? (
        <p className="error" id={`${inputId}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function FormError({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <div className="notice notice--error" role="alert">
      {message}
    </div>
  );
}
