/**
 * Personal survey links by e-mail: one mail per enrolled participant (who has
 * not answered yet) with a link that works once. Sending again replaces each
 * person's link, so there is never more than one per person and survey.
 */
import { translator } from "~/i18n";
import type { Scope } from "~/models/scope.server";
import { issueSurveyLinks, surveyLinkRecipients } from "~/models/survey-distribution.server";
import type { SeriesSurvey } from "~/models/survey.server";
import { formatDate, formatTime } from "./format";
import { sendMail } from "./mail.server";
import { publicUrl } from "./urls.server";

const sv = translator("sv");

function at(value: Date) {
  return sv("surveyAnswer.public.at", { date: formatDate(value), time: formatTime(value) });
}

export async function sendSurveyLinks({
  request,
  survey,
  scope,
  sender,
  now = new Date(),
}: {
  request: Request;
  survey: SeriesSurvey;
  scope: Scope;
  sender: string;
  now?: Date;
}): Promise<{ sent: number; failed: number }> {
  const recipients = surveyLinkRecipients({ seriesId: survey.seriesId, surveyId: survey.id, scope });
  const tokens = issueSurveyLinks({ surveyId: survey.id, personIds: recipients.map((r) => r.personId), now });
  const window = survey.window!;
  let sent = 0;
  let failed = 0;
  for (const recipient of recipients) {
    const result = await sendMail({
      to: recipient.email,
      subject: sv("surveyAnswer.mail.subject", { survey: survey.templateName, series: survey.seriesName }),
      text: sv("surveyAnswer.mail.body", {
        name: recipient.name,
        survey: survey.templateName,
        series: survey.seriesName,
        session: survey.session ? sv("surveyAnswer.mail.session", { position: survey.session.position, title: survey.session.title, date: formatDate(survey.session.startsAt) }) : "",
        opens: at(window.opensAt),
        closes: at(window.closesAt),
        link: publicUrl(request, `/enkat/personlig/${tokens.get(recipient.personId)}`),
        sender,
      }),
    });
    if (result.status === "failed") failed++;
    else sent++;
  }
  return { sent, failed };
}
