import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router-dom";
import { Field } from "@/components/Field";
import { EmptyState, ErrorState, QueryView } from "@/components/States";
import { usePrefs } from "@/features/auth/api";
import { useCreatePlan } from "@/features/training/api";
import type { Schemas } from "@/lib/api";
import { formatDate, todayIn } from "@/lib/dates";
import { distanceLabel, formatDistance, toMetres } from "@/lib/units";
import { useAddRace, useRaces } from "../api";

function GoalForm({ race, onDone }: { race: Schemas["Race"]; onDone: () => void }) {
  const [days, setDays] = useState(4);
  const [goal, setGoal] = useState("");
  const create = useCreatePlan();
  const navigate = useNavigate();
  function submit(event: FormEvent) {
    event.preventDefault();
    const [h = 0, m = 0, s = 0] = goal.split(":").map(Number);
    const goalSeconds = goal ? (goal.split(":").length === 3 ? h * 3600 + m * 60 + s : h * 60 + m) : null;
    create.mutate(
      { race: { id: race.id }, days_per_week: days, goal_time_s: goalSeconds },
      { onSuccess: (plan) => navigate(`/plans/${plan.id}`) },
    );
  }
  return (
    <form className="card" onSubmit={submit} aria-label={`Plan for ${race.name}`}>
      <h3>Train for {race.name}</h3>
      <Field label="Days a week" type="number" min={3} max={7} value={days} onChange={(e) => setDays(Number(e.target.value))} />
      <Field label="Goal time (optional)" placeholder="h:mm:ss" pattern="^\d{1,2}:\d{2}(:\d{2})?$" value={goal} onChange={(e) => setGoal(e.target.value)} />
      {create.error && <ErrorState error={create.error} />}
      <button type="submit" className="primary" disabled={create.isPending}>
        {create.isPending ? "Building…" : "Build my plan"}
      </button>{" "}
      <button type="button" onClick={onDone}>
        Cancel
      </button>
    </form>
  );
}

function AddRace() {
  const { units } = usePrefs();
  const [race, setRace] = useState({ name: "", date: "", distance: "", location: "" });
  const add = useAddRace();
  const set = (key: keyof typeof race) => (e: { target: { value: string } }) => setRace({ ...race, [key]: e.target.value });
  function submit(event: FormEvent) {
    event.preventDefault();
    add.mutate(
      { name: race.name, date: race.date, location: race.location, distance_m: Math.round(toMetres(Number(race.distance), units)) },
      { onSuccess: () => setRace({ name: "", date: "", distance: "", location: "" }) },
    );
  }
  return (
    <form className="card" onSubmit={submit} aria-label="Add a race">
      <h2>Add a race</h2>
      <Field label="Name" required maxLength={150} value={race.name} onChange={set("name")} />
      <Field label="Date" type="date" required value={race.date} onChange={set("date")} />
      <Field label={`Distance (${distanceLabel(units)})`} type="number" step="any" min={1} required value={race.distance} onChange={set("distance")} />
      <Field label="Location" maxLength={150} value={race.location} onChange={set("location")} />
      {add.error && <ErrorState error={add.error} />}
      {add.isSuccess && <p role="status">Added to the calendar.</p>}
      <button type="submit" className="primary" disabled={add.isPending}>
        Add
      </button>
    </form>
  );
}

export function RacesPage() {
  const { units, timezone } = usePrefs();
  const [q, setQ] = useState("");
  const [goal, setGoal] = useState<Schemas["Race"] | null>(null);
  const races = useRaces(todayIn(timezone), q);
  return (
    <>
      <h1>Races</h1>
      <div className="field" role="search">
        <label htmlFor="race-search">Search races</label>
        <input id="race-search" type="search" value={q} maxLength={100} onChange={(e) => setQ(e.target.value)} />
      </div>
      {goal && <GoalForm race={goal} onDone={() => setGoal(null)} />}
      <QueryView query={races}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title="No upcoming race found">Add yours below.</EmptyState>
          ) : (
            <ul className="race-list">
              {data.items.map((race) => (
                <li key={race.id}>
                  <div>
                    <strong>{race.name}</strong>
                    <span className="muted">
                      {" "}
                      {formatDate(race.date, timezone)} · {formatDistance(race.distance_m, units, 1)} · {race.location}
                    </span>
                  </div>
                  <button type="button" onClick={() => setGoal(race)}>
                    Make it my goal
                  </button>
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
      <AddRace />
    </>
  );
}
