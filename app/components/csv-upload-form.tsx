import { useNavigation } from "@remix-run/react";
import { Field } from "~/components/field";
import { UploadProgressForm } from "~/components/upload-progress-form";
import { useT } from "~/i18n";

/** The upload form of a CSV import: one file field, its error, and a progress bar while sending. */
export function CsvUploadForm({ success, error }: { success: RegExp; error?: string }) {
  const navigation = useNavigation();
  const t = useT();
  return (
    <UploadProgressForm success={success} sendingLabel={(percent) => t("import.sending", { percent })} readingLabel={t("import.working")}>
      {({ busy }) => (
        <>
          <Field label={t("import.file")} name="file" type="file" accept=".csv,text/csv" error={error} />
          <div>
            <button type="submit" className="button" disabled={busy || navigation.state === "submitting"}>
              {t("import.upload")}
            </button>
          </div>
        </>
      )}
    </UploadProgressForm>
  );
}
