import type React from "react";
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

type Described = { id: string; error?: string; help?: string };
function describedBy({ id, error, help }: Described) {
  return [help ? `${id}-help` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

function FieldShell({ id, label, error, help, children }: Described & { label: string; children: React.ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {help ? (
        <p className="help" id={`${id}-help`}>
          {help}
        </p>
      ) : null}
      {children}
      {error ? (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

type Option = { value: string | number; label: string };

export function SelectField({
  label,
  name,
  options,
  error,
  help,
  id,
  ...select
}: {
  label: string;
  name: string;
  options: Option[];
  error?: string;
  help?: string;
} & Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "name">) {
  const selectId = id ?? `field-${name}`;
  return (
    <FieldShell id={selectId} label={label} error={error} help={help}>
      <select
        id={selectId}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy({ id: selectId, error, help })}
        {...select}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function TextAreaField({
  label,
  name,
  error,
  help,
  id,
  ...textarea
}: {
  label: string;
  name: string;
  error?: string;
  help?: string;
} & Omit<React.TextareaHTMLAttributes<HTMLTextAreaElement>, "name">) {
  const textareaId = id ?? `field-${name}`;
  return (
    <FieldShell id={textareaId} label={label} error={error} help={help}>
      <textarea
        id={textareaId}
        name={name}
        rows={3}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy({ id: textareaId, error, help })}
        {...textarea}
      />
    </FieldShell>
  );
}
