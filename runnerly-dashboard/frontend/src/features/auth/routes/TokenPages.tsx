// The pages e-mailed links open: each posts the link's token once, then says what happened.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { Field } from "@/components/Field";
import { ErrorState, Skeleton } from "@/components/States";
import { api } from "@/lib/api";
import { useConfirmEmail, useConfirmSignUp, useForgotPassword, useResetPassword } from "../api";
import { AuthLayout } from "./AuthLayout";

function useLinkToken(): string {
  return useSearchParams()[0].get("token") ?? "";
}

/** Runs a mutation once on mount (StrictMode mounts twice; a link token works only once). */
function useOnce(run: () => void) {
  const done = useRef(false);
  useEffect(() => {
    if (!done.current) {
      done.current = true;
      run();
    }
  }, [run]);
}

export function ConfirmSignUpPage() {
  const token = useLinkToken();
  const confirm = useConfirmSignUp();
  const navigate = useNavigate();
  useOnce(() => confirm.mutate(token, { onSuccess: () => navigate("/settings?welcome=1", { replace: true }) }));
  return (
    <AuthLayout title="Confirming your address">
      {confirm.error ? <ErrorState error={confirm.error} /> : <Skeleton lines={1} label="Confirming" />}
      {confirm.error && <Link to="/signup">Sign up again</Link>}
    </AuthLayout>
  );
}

export function ConfirmEmailPage() {
  const token = useLinkToken();
  const confirm = useConfirmEmail();
  useOnce(() => confirm.mutate(token));
  return (
    <AuthLayout title="Your new e-mail address">
      {confirm.isPending && <Skeleton lines={1} label="Confirming" />}
      {confirm.isSuccess && <p role="status">Your address is changed. <Link to="/settings">Back to settings</Link></p>}
      {confirm.error && <ErrorState error={confirm.error} />}
    </AuthLayout>
  );
}

export function UnsubscribePage() {
  const token = useLinkToken();
  const [state, setState] = useState<"pending" | "done" | unknown>("pending");
  useOnce(() => {
    api.post("/api/reports/unsubscribe", { token }).then(() => setState("done"), setState);
  });
  return (
    <AuthLayout title="Monthly report">
      {state === "pending" && <Skeleton lines={1} />}
      {state === "done" && <p role="status">You will not get the monthly report any more. You can turn it back on in your settings.</p>}
      {state !== "pending" && state !== "done" && <ErrorState error={state} />}
    </AuthLayout>
  );
}

export function ForgotPasswordPage() {
  const [email, setEmail] = useState("");
  const forgot = useForgotPassword();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    forgot.mutate(email);
  };
  return (
    <AuthLayout title="Reset your password" footer={<Link to="/login">Back to log in</Link>}>
      {forgot.isSuccess ? (
        <p role="status">{forgot.data.detail}</p>
      ) : (
        <form onSubmit={submit} aria-label="Reset your password">
          <Field label="E-mail" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
          {forgot.error && <ErrorState error={forgot.error} />}
          <button type="submit" className="primary" disabled={forgot.isPending}>
            Send me a link
          </button>
        </form>
      )}
    </AuthLayout>
  );
}

export function ResetPasswordPage() {
  const token = useLinkToken();
  const [password, setPassword] = useState("");
  const reset = useResetPassword();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    reset.mutate({ token, password });
  };
  return (
    <AuthLayout title="Choose a new password">
      {reset.isSuccess ? (
        <p role="status">
          Your password is changed and every session ended. <Link to="/login">Log in</Link>
        </p>
      ) : (
        <form onSubmit={submit} aria-label="Choose a new password">
          <Field
            label="New password"
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          {reset.error && <ErrorState error={reset.error} />}
          <button type="submit" className="primary" disabled={reset.isPending}>
            Set the password
          </button>
        </form>
      )}
    </AuthLayout>
  );
}
