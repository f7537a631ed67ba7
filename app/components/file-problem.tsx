import { useT } from "~/i18n";
import type { ImportFileProblem } from "~/lib/csv";

/** A whole-file problem of an import, said in words a coordinator can act on. */
export function fileProblemText(problem: ImportFileProblem, t: ReturnType<typeof useT>, columnName: (c: string) => string): string {
  switch (problem.code) {
    case "empty":
      return t("import.empty");
    case "binary":
      return t("import.binary");
    case "unclosedQuote":
      return t("import.unclosedQuote", { line: problem.line });
    case "cellTooLong":
      return t("import.cellTooLong", { line: problem.line, max: problem.max });
    case "missingColumns":
      return t("import.missingColumns", { columns: problem.columns.map(columnName).join(", ") });
    case "noRows":
      return t("import.noRows");
    case "tooManyRows":
      return t("import.tooManyRows", { max: problem.max });
  }
}
