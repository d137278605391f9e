import { useId, useState, type FormEvent } from "react";
import { Field } from "@/components/Field";
import { ErrorState } from "@/components/States";
import { distanceLabel, toMetres, type Units } from "@/lib/units";
import { useAddShoe } from "../api";
import { RUN_TYPES } from "../wear";

const EMPTY = { name: "", brand: "", defaultFor: "", since: "", retireAt: "", before: "" };

export function AddShoeForm({ units }: { units: Units }) {
  const [form, setForm] = useState(EMPTY);
  const add = useAddShoe();
  const selectId = useId();
  const set = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const unit = distanceLabel(units);
  function submit(event: FormEvent) {
    event.preventDefault();
    add.mutate(
      {
        name: form.name,
        brand: form.brand,
        default_for: form.defaultFor || null,
        since: form.since || null,
        retire_at_m: Math.round(toMetres(Number(form.retireAt || (units === "metric" ? 800 : 500)), units)),
        initial_distance_m: Math.round(toMetres(Number(form.before || 0), units)),
      },
      { onSuccess: () => setForm(EMPTY) },
    );
  }
  return (
    <form className="card" onSubmit={submit} aria-label="Add a pair">
      <h2>Add a pair</h2>
      <Field label="Name" required maxLength={100} value={form.name} onChange={set("name")} />
      <Field label="Brand" maxLength={100} value={form.brand} onChange={set("brand")} />
      <div className="field">
        <label htmlFor={selectId}>Default for</label>
        <select id={selectId} value={form.defaultFor} onChange={set("defaultFor")}>
          <option value="">No run type (assign runs one by one)</option>
          {RUN_TYPES.map((type) => (
            <option key={type.value} value={type.value}>
              {type.label}
            </option>
          ))}
        </select>
      </div>
      <Field label="Worn since (optional)" type="date" value={form.since} onChange={set("since")} hint="Runs before this day do not count." />
      <Field label={`Retire at (${unit})`} type="number" min={1} max={10000} step="any" placeholder={units === "metric" ? "800" : "500"} value={form.retireAt} onChange={set("retireAt")} />
      <Field label={`Already worn (${unit})`} type="number" min={0} max={10000} step="any" placeholder="0" value={form.before} onChange={set("before")} />
      {add.error && <ErrorState error={add.error} />}
      {add.isSuccess && <p role="status">Pair added.</p>}
      <button type="submit" className="primary" disabled={add.isPending}>
        Add pair
      </button>
    </form>
  );
}
