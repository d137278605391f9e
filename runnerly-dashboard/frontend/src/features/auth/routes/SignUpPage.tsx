import { useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { Field } from "@/components/Field";
import { ErrorState } from "@/components/States";
import type { Schemas } from "@/lib/api";
import { useSignUp } from "../api";
import { AuthLayout } from "./AuthLayout";

// The spec lists the zones the server knows; one it does not is refused with a 400 problem.
const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone as Schemas["TimeZone"];

export function SignUpPage() {
  const [form, setForm] = useState({ email: "", password: "", first_name: "", last_name: "" });
  const [units, setUnits] = useState<"metric" | "imperial">("metric");
  const signUp = useSignUp();
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  function submit(event: FormEvent) {
    event.preventDefault();
    signUp.mutate({ ...form, units, timezone: browserZone });
  }

  if (signUp.isSuccess) {
    return (
      <AuthLayout title="Check your e-mail">
        <p role="status">{signUp.data.detail}</p>
        <p>Follow the link in the message to confirm your address and start.</p>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title="Create your account" footer={<Link to="/login">Already have an account? Log in</Link>}>
      <form onSubmit={submit} aria-label="Create your account">
        <Field label="First name" autoComplete="given-name" value={form.first_name} onChange={set("first_name")} />
        <Field label="Last name" autoComplete="family-name" value={form.last_name} onChange={set("last_name")} />
        <Field label="E-mail" type="email" autoComplete="email" required value={form.email} onChange={set("email")} />
        <Field
          label="Password"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          hint="At least 10 characters, and not a common password."
          value={form.password}
          onChange={set("password")}
        />
        <fieldset className="inline">
          <legend>Units</legend>
          <label>
            <input type="radio" name="units" checked={units === "metric"} onChange={() => setUnits("metric")} /> Kilometres
          </label>
          <label>
            <input type="radio" name="units" checked={units === "imperial"} onChange={() => setUnits("imperial")} /> Miles
          </label>
        </fieldset>
        {signUp.error && <ErrorState error={signUp.error} />}
        <button type="submit" className="primary" disabled={signUp.isPending}>
          Sign up
        </button>
      </form>
    </AuthLayout>
  );
}
