/** The short-code field of the public phone pages (check-in, surveys): one form, two places. */
import { Form } from "@remix-run/react";
import { Field } from "./field";

export function CodeForm({
  action,
  name,
  label,
  help,
  submit,
  error,
  defaultValue,
}: {
  /** Where the code is posted; that route sends a right code on to its page. */
  action: string;
  /** "checkin" or "survey": the ids and class names of the form, field and button. */
  name: "checkin" | "survey";
  label: string;
  help: string;
  submit: string;
  error?: string;
  defaultValue?: string;
}) {
  return (
    <Form method="post" action={action} className={name === "checkin" ? "checkin-form" : "survey-code-form"} noValidate>
      <Field
        label={label}
        name="code"
        id={`${name}-code`}
        type="text"
        className={`${name}-code-input`}
        help={help}
        error={error}
        defaultValue={defaultValue}
        autoComplete="off"
        autoCapitalize="characters"
        autoCorrect="off"
        spellCheck={false}
        maxLength={20}
        required
      />
      <button type="submit" className={`button ${name}-button`}>
        {submit}
      </button>
    </Form>
  );
}
