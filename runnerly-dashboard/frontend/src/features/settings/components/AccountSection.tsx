import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router-dom";
import { Field } from "@/components/Field";
import { ErrorState } from "@/components/States";
import { useLogout } from "@/features/auth/api";
import { describeError } from "@/lib/api";
import { downloadExport, useChangeEmail, useChangePassword, useDeleteAccount } from "../api";

function PasswordForm() {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const change = useChangePassword();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate({ current_password: current, new_password: next }, { onSuccess: () => (setCurrent(""), setNext("")) });
  };
  return (
    <form onSubmit={submit} aria-label="Change the password">
      <h3>Password</h3>
      <Field label="Current password" type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} />
      <Field label="New password" type="password" autoComplete="new-password" required minLength={10} value={next} onChange={(e) => setNext(e.target.value)} />
      {change.error && <ErrorState error={change.error} />}
      {change.isSuccess && <p role="status">Changed. Your other sessions were logged out.</p>}
      <button type="submit" disabled={change.isPending}>
        Change the password
      </button>
    </form>
  );
}

function EmailForm() {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const change = useChangeEmail();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate({ email, password });
  };
  return (
    <form onSubmit={submit} aria-label="Change the e-mail address">
      <h3>E-mail address</h3>
      <Field label="New e-mail address" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
      <Field label="Password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      {change.error && <ErrorState error={change.error} />}
      {change.isSuccess && <p role="status">{change.data.detail}</p>}
      <button type="submit" disabled={change.isPending}>
        Change the address
      </button>
    </form>
  );
}

export function AccountSection() {
  const everywhere = useLogout(true);
  const remove = useDeleteAccount();
  const navigate = useNavigate();
  const [exportError, setExportError] = useState<string | null>(null);
  return (
    <section className="card" aria-labelledby="account-title">
      <h2 id="account-title">Account</h2>
      <PasswordForm />
      <EmailForm />
      <h3>Your data</h3>
      <p>
        <button type="button" onClick={() => downloadExport().catch((e: unknown) => setExportError(describeError(e)))}>
          Export everything (JSON)
        </button>
      </p>
      {exportError && <p role="alert">{exportError}</p>}
      <p>
        <button type="button" onClick={() => everywhere.mutate(undefined, { onSuccess: () => navigate("/login") })}>
          Log out everywhere
        </button>
      </p>
      <p>
        <button
          type="button"
          className="danger"
          onClick={() =>
            window.confirm("Delete your account? Every run, plan and link is deleted for good.") &&
            remove.mutate(undefined, { onSuccess: () => navigate("/login") })
          }
        >
          Delete my account
        </button>
      </p>
      {remove.error && <ErrorState error={remove.error} />}
    </section>
  );
}
