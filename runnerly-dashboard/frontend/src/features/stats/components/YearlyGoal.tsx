import { useState, type FormEvent } from "react";
import { Field } from "@/components/Field";
import { ErrorState, QueryView, Skeleton } from "@/components/States";
import { useProfile } from "@/features/auth/api";
import { useUpdateProfile } from "@/features/settings/api";
import { distanceLabel, formatDistance, toMetres, type Units } from "@/lib/units";
import { useYearTotals } from "../api";
import { goalProgress, yearToDate } from "../goal";

function GoalForm({ units, current, onDone }: { units: Units; current: number | null; onDone?: () => void }) {
  const [value, setValue] = useState(current ? String(Math.round(current / (units === "metric" ? 1000 : 1609.344))) : "");
  const update = useUpdateProfile();
  function submit(event: FormEvent) {
    event.preventDefault();
    const goal = value ? Math.round(toMetres(Number(value), units)) : null;
    update.mutate({ yearly_goal_m: goal }, { onSuccess: () => onDone?.() });
  }
  return (
    <form onSubmit={submit} aria-label="Yearly goal" className="goal-form">
      <Field label={`Goal for the year (${distanceLabel(units)})`} type="number" min={1} max={20000} step={1} value={value} onChange={(e) => setValue(e.target.value)} />
      {update.error && <ErrorState error={update.error} />}
      <button type="submit" className="primary" disabled={update.isPending}>
        Save goal
      </button>
    </form>
  );
}

function Progress({ goalM, doneM, today, units }: { goalM: number; doneM: number; today: string; units: Units }) {
  const p = goalProgress(goalM, doneM, today);
  const percent = Math.round(p.share * 100);
  const weeks = Math.max(1, Math.round(p.daysLeft / 7));
  return (
    <>
      <div className="progress" role="meter" aria-label="Yearly goal" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-valuetext={`${percent} %`}>
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <p>
        <strong>{formatDistance(doneM, units, 0)}</strong> of {formatDistance(goalM, units, 0)} ({percent} %).{" "}
        {p.remainingM === 0
          ? "Goal reached: well run!"
          : `${formatDistance(p.perWeekNeededM, units, 1)} a week for the ${weeks} weeks left reaches it (you have run ${formatDistance(p.perWeekSoFarM, units, 1)} a week so far).`}
      </p>
      {p.remainingM > 0 && (
        <p className="muted">
          {p.aheadM >= 0 ? `${formatDistance(p.aheadM, units, 0)} ahead of an even year.` : `${formatDistance(-p.aheadM, units, 0)} behind an even year.`}
        </p>
      )}
    </>
  );
}

export function YearlyGoal({ units, today }: { units: Units; today: string }) {
  const profile = useProfile();
  const totals = useYearTotals(today);
  const [editing, setEditing] = useState(false);
  const goal = profile.data?.yearly_goal_m ?? null;
  if (profile.isPending) return <Skeleton lines={2} />;
  if (!goal || editing) {
    return (
      <>
        {!goal && <p>Set a distance for {today.slice(0, 4)}, and see each week how much running reaches it.</p>}
        <GoalForm units={units} current={goal} onDone={() => setEditing(false)} />
      </>
    );
  }
  return (
    <QueryView query={totals}>
      {(data) => (
        <>
          <Progress goalM={goal} doneM={yearToDate(data.totals, today)} today={today} units={units} />
          <button type="button" onClick={() => setEditing(true)}>
            Change the goal
          </button>
        </>
      )}
    </QueryView>
  );
}
