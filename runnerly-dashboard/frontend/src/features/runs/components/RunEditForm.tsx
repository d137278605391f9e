import { useState, type FormEvent } from "react";
import { Field } from "@/components/Field";
import { ErrorState } from "@/components/States";
import { useUpdateRun, type RunDetail } from "../api";

const SPORT_TYPES = ["Run", "TrailRun", "VirtualRun", "Walk", "Hike"];

export function RunEditForm({ run }: { run: RunDetail }) {
  const [name, setName] = useState(run.name);
  const [sport, setSport] = useState(run.sport_type);
  const [notes, setNotes] = useState(run.description ?? "");
  const update = useUpdateRun(run);

  function submit(event: FormEvent) {
    event.preventDefault();
    update.mutate({ name, sport_type: sport, description: notes });
  }

  return (
    <form className="card" onSubmit={submit} aria-label="Edit the run">
      <h2>Edit</h2>
      <Field label="Name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
      <div className="field">
        <label htmlFor="sport-type">Type</label>
        <select id="sport-type" value={sport} onChange={(e) => setSport(e.target.value)}>
          {[...new Set([run.sport_type, ...SPORT_TYPES])].map((type) => (
            <option key={type}>{type}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="run-notes">Notes</label>
        <textarea id="run-notes" rows={3} maxLength={5000} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </div>
      {update.error && <ErrorState error={update.error} />}
      {update.isSuccess && <p role="status">Saved.</p>}
      <button type="submit" className="primary" disabled={update.isPending}>
        Save
      </button>
    </form>
  );
}
