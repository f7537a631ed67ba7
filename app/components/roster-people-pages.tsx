/** The substitute and walk-in forms of a roster (see `~/lib/roster-people.server`). */
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { SelectField } from "~/components/field";
import { PersonFields } from "~/components/person-fields";
import { useT } from "~/i18n";
import type { substituteAction, substituteLoader, walkInAction, walkInLoader } from "~/lib/roster-people.server";

function ErrorSummary({ show }: { show: boolean }) {
  const t = useT();
  if (!show) return null;
  return (
    <div className="notice notice--error" role="alert">
      {t("form.errorSummary")}
    </div>
  );
}

export function SubstitutePage() {
  const { details, absent, municipalities } = useLoaderData<typeof substituteLoader>();
  const actionData = useActionData<typeof substituteAction>();
  const t = useT();
  return (
    <>
      <p>
        <Link to={`${details.basePath}/narvaro`}>← {t("roster.title", { title: details.title })}</Link>
      </p>
      <h1>{t("substitute.title", { name: absent.name })}</h1>
      <p className="lead">{t("substitute.intro", { name: absent.name, title: details.title })}</p>
      <div className="notice notice--warn">
        {t("substitute.sameSector", { sector: t(`sector.${absent.sector}`), name: absent.name })}
      </div>
      <section className="card" aria-labelledby="substitute-form-title">
        <h2 id="substitute-form-title">{t("substitute.formTitle")}</h2>
        <ErrorSummary show={Boolean(actionData)} />
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="for" value={absent.personId} />
          <PersonFields municipalities={municipalities} values={actionData?.values} errors={actionData?.errors ?? {}} defaultSector={absent.sector} />
          <p className="help">{t("substitute.existingHelp")}</p>
          <div>
            <button type="submit" className="button">
              {t("substitute.submit")}
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}

export function WalkInPage() {
  const { details, municipalities } = useLoaderData<typeof walkInLoader>();
  const actionData = useActionData<typeof walkInAction>();
  const t = useT();
  const errors = actionData?.errors ?? {};
  return (
    <>
      <p>
        <Link to={`${details.basePath}/narvaro`}>← {t("roster.title", { title: details.title })}</Link>
      </p>
      <h1>{t("walkIn.title", { title: details.title })}</h1>
      <p className="lead">{t("walkIn.intro")}</p>
      <section className="card" aria-labelledby="walkin-form-title">
        <h2 id="walkin-form-title">{t("walkIn.formTitle")}</h2>
        <ErrorSummary show={Boolean(actionData)} />
        <Form method="post" className="stack" noValidate>
          {details.series.length > 1 ? (
            <SelectField
              label={t("walkIn.series")}
              name="seriesId"
              options={details.series.map((s) => ({ value: s.id, label: s.name }))}
              defaultValue={actionData?.values.seriesId}
              error={errors.seriesId}
            />
          ) : null}
          <PersonFields municipalities={municipalities} values={actionData?.values} errors={errors} />
          <div>
            <button type="submit" className="button">
              {t("walkIn.submit")}
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}
