import { useState, type FormEvent } from "react";
import { Link, useLocation, useNavigate } from "react-router-dom";
import { Field } from "@/components/Field";
import { ErrorState } from "@/components/States";
import { useLogin, useStravaLogin } from "../api";
import { AuthLayout } from "./AuthLayout";

export function LoginPage() {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const login = useLogin();
  const strava = useStravaLogin();
  const navigate = useNavigate();
  const next = (useLocation().state as { from?: string } | null)?.from ?? "/";

  function submit(event: FormEvent) {
    event.preventDefault();
    login.mutate({ email, password }, { onSuccess: () => navigate(next, { replace: true }) });
  }

  return (
    <AuthLayout
      title="Log in"
      footer={
        <>
          <Link to="/forgot">Forgot your password?</Link> · <Link to="/signup">Create an account</Link>
        </>
      }
    >
      <form onSubmit={submit} aria-label="Log in">
        <Field label="E-mail" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <Field
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {login.error && <ErrorState error={login.error} />}
        <button type="submit" className="primary" disabled={login.isPending}>
          {login.isPending ? "Logging in…" : "Log in"}
        </button>
      </form>
      <div className="divider">or</div>
      <button type="button" className="strava" onClick={() => strava.mutate()} disabled={strava.isPending}>
        Continue with Strava
      </button>
      {strava.error && <ErrorState error={strava.error} />}
    </AuthLayout>
  );
}
