import { Field } from "~/components/field";
import { useT } from "~/i18n";
import { CORE_SECTORS, type Target } from "~/lib/representation";

/** Minimum count and share per sector, for a series or a template. */
export function TargetFields({ targets, errors }: { targets: Target[]; errors: Record<string, string> }) {
  const t = useT();
  return (
    <>
      {CORE_SECTORS.map((sector) => {
        const target = targets.find((x) => x.sector === sector);
        const name = t(`sector.${sector}`);
        return (
          <div key={sector} className="field-row">
            <Field id={`count-${sector}`} label={t("gap.minCount", { sector: name })} name={`count-${sector}`} type="text" inputMode="numeric" defaultValue={target?.minCount ?? ""} error={errors[`count-${sector}`]} />
            <Field id={`share-${sector}`} label={t("gap.minShare", { sector: name })} name={`share-${sector}`} type="text" inputMode="numeric" defaultValue={target?.minSharePercent ?? ""} error={errors[`share-${sector}`]} />
          </div>
        );
      })}
    </>
  );
}
