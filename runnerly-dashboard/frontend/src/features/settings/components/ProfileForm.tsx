import { useState, type FormEvent } from "react";
import { Field } from "@/components/Field";
import { ErrorState } from "@/components/States";
import type { Schemas } from "@/lib/api";
import { useUpdateProfile } from "../api";

type Profile = Schemas["Profile"];

const ZONES = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];

export function ProfileForm({ profile }: { profile: Profile }) {
  const [form, setForm] = useState({
    first_name: profile.first_name,
    last_name: profile.last_name,
    birth_date: profile.birth_date ?? "",
    sex: profile.sex ?? "",
    weight_kg: profile.weight_kg?.toString() ?? "",
    max_heartrate: profile.max_heartrate?.toString() ?? "",
    resting_heartrate: profile.resting_heartrate?.toString() ?? "",
    timezone: profile.timezone,
  });
  const update = useUpdateProfile();
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const number = (text: string) => (text === "" ? null : Number(text));

  function submit(event: FormEvent) {
    event.preventDefault();
    update.mutate({
      first_name: form.first_name,
      last_name: form.last_name,
      birth_date: form.birth_date || null,
      sex: (form.sex || null) as Profile["sex"],
      weight_kg: number(form.weight_kg),
      max_heartrate: number(form.max_heartrate),
      resting_heartrate: number(form.resting_heartrate),
      timezone: form.timezone as Schemas["TimeZone"], // chosen from the browser's list
    });
  }

  return (
    <form className="card" onSubmit={submit} aria-label="Profile">
      <h2>Profile</h2>
      <p className="muted">Training uses your heart rates and age for zones and load.</p>
      <Field label="First name" value={form.first_name} maxLength={100} onChange={set("first_name")} />
      <Field label="Last name" value={form.last_name} maxLength={100} onChange={set("last_name")} />
      <Field label="Birth date" type="date" value={form.birth_date} onChange={set("birth_date")} />
      <div className="field">
        <label htmlFor="sex">Sex</label>
        <select id="sex" value={form.sex} onChange={set("sex")}>
          <option value="">Not said</option>
          <option value="F">Female</option>
          <option value="M">Male</option>
          <option value="X">Other</option>
        </select>
      </div>
      <Field label="Weight (kg)" type="number" min={20} max={300} step="any" value={form.weight_kg} onChange={set("weight_kg")} />
      <Field label="Maximum heart rate (bpm)" type="number" min={100} max={240} value={form.max_heartrate} onChange={set("max_heartrate")} />
      <Field label="Resting heart rate (bpm)" type="number" min={25} max={99} value={form.resting_heartrate} onChange={set("resting_heartrate")} />
      <div className="field">
        <label htmlFor="timezone">Time zone</label>
        <select id="timezone" value={form.timezone} onChange={set("timezone")}>
          {[...new Set([form.timezone, ...ZONES])].map((zone) => (
            <option key={zone}>{zone}</option>
          ))}
        </select>
      </div>
      {update.error && <ErrorState error={update.error} />}
      {update.isSuccess && <p role="status">Saved.</p>}
      <button type="submit" className="primary" disabled={update.isPending}>
        Save the profile
      </button>
    </form>
  );
}
