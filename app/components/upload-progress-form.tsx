import { Form, useNavigate, useSubmit } from "@remix-run/react";
import { useState, type FormEvent, type ReactNode } from "react";

/**
 * A file upload form that shows how much of a large file has been sent. It is
 * a normal form without JavaScript; with JavaScript it posts through
 * XMLHttpRequest (fetch cannot report upload progress) and then opens the
 * page the server redirected to. Any other answer (an error message) is
 * fetched again through Remix so it is shown at the field as usual.
 */
export function UploadProgressForm({
  success,
  children,
  sendingLabel,
  readingLabel,
}: {
  /** The redirect target that means the upload was accepted. */
  success: RegExp;
  children: (state: { busy: boolean }) => ReactNode;
  sendingLabel: (percent: number) => string;
  readingLabel: string;
}) {
  const navigate = useNavigate();
  const submit = useSubmit();
  const [percent, setPercent] = useState<number | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const form = event.currentTarget;
    const data = new FormData(form);
    event.preventDefault();
    const xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setPercent(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      const target = new URL(xhr.responseURL, window.location.href);
      if (success.test(target.pathname)) {
        navigate(target.pathname + target.search);
      } else {
        setPercent(null);
        submit(data, { method: "post", encType: "multipart/form-data" });
      }
    };
    xhr.onerror = () => {
      setPercent(null);
      submit(data, { method: "post", encType: "multipart/form-data" });
    };
    setPercent(0);
    xhr.send(data);
  }

  const busy = percent !== null;
  return (
    <Form method="post" encType="multipart/form-data" className="stack card" noValidate onSubmit={onSubmit}>
      {children({ busy })}
      {busy ? (
        <div role="status">
          <progress max={100} value={percent ?? 0} aria-label={percent! < 100 ? sendingLabel(percent!) : readingLabel} />{" "}
          {percent! < 100 ? sendingLabel(percent!) : readingLabel}
        </div>
      ) : null}
    </Form>
  );
}
