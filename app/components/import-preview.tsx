import { Form, Link, useNavigation } from "@remix-run/react";
import { useT } from "~/i18n";
import { formatNumber } from "~/lib/format";

/** The rows an import preview shows: every row with an error, and the first `shown` rows otherwise. */
export function rowsToShow<Row>(rows: Row[], isError: (row: Row) => boolean, errors: number, shown = 200): Row[] {
  return rows.filter((r, i) => isError(r) || i < shown).slice(0, shown + errors);
}

/** A whole-file problem of the stored upload, and the confirmation's refusal, as alerts. */
export function ImportAlerts({ problem, error }: { problem: string | null; error: string | undefined }) {
  return (
    <>
      {problem ? (
        <div className="notice notice--error" role="alert">
          {problem}
        </div>
      ) : null}
      {error ? (
        <div className="notice notice--error" role="alert">
          {error}
        </div>
      ) : null}
    </>
  );
}

/**
 * Below the summary: nothing once imported; while rows have errors, what to
 * do and a link to upload again; otherwise the button that saves it all.
 */
export function ImportConfirmation({
  done,
  readable,
  errors,
  fixErrors,
  uploadAgainTo,
  confirmLabel,
  importingLabel,
}: {
  done: boolean;
  readable: boolean;
  errors: number;
  fixErrors: string;
  uploadAgainTo: string;
  confirmLabel: string;
  importingLabel: string;
}) {
  const navigation = useNavigation();
  const t = useT();
  if (done || !readable) return null;
  if (errors > 0) {
    return (
      <div className="notice notice--error" role="alert">
        {fixErrors} <Link to={uploadAgainTo}>{t("import.uploadAgain")}</Link>
      </div>
    );
  }
  return (
    <Form method="post">
      <button type="submit" className="button" disabled={navigation.state === "submitting"}>
        {navigation.state === "submitting" ? importingLabel : confirmLabel}
      </button>
    </Form>
  );
}

/** Said when the preview lists fewer rows than the file has. */
export function ShowingFirst({ shown, total }: { shown: number; total: number }) {
  const t = useT();
  return shown < total ? <p className="help">{t("import.showingFirst", { shown: formatNumber(shown), total: formatNumber(total) })}</p> : null;
}
