import { ErrorState } from "@/components/States";
import { formatDate } from "@/lib/dates";
import type { Units } from "@/lib/units";
import { formatDistance } from "@/lib/units";
import { useDeleteShoe, useUpdateShoe, type Shoe } from "../api";
import { remaining, runTypeLabel, wearShare, wearState } from "../wear";

const WARNINGS = {
  fresh: null,
  worn: "Getting worn: plan the next pair.",
  retire: "Time to retire this pair: it is past the distance you set.",
  retired: null,
} as const;

export function ShoeCard({ shoe, units, timezone }: { shoe: Shoe; units: Units; timezone: string }) {
  const update = useUpdateShoe();
  const remove = useDeleteShoe();
  const state = wearState(shoe);
  const percent = Math.round(wearShare(shoe) * 100);
  const usedFor = runTypeLabel(shoe.default_for);
  return (
    <li className={`card shoe ${state}`}>
      <h2>
        {shoe.name} {shoe.brand && <span className="muted">· {shoe.brand}</span>}
      </h2>
      <p className="muted">
        {shoe.retired ? "Retired" : usedFor ? `Default for ${usedFor.toLowerCase()}` : "Worn on the runs you assign"}
        {shoe.since && ` · since ${formatDate(shoe.since, timezone)}`} · {shoe.runs} runs
      </p>
      <div
        className="progress"
        role="meter"
        aria-label={`Wear of ${shoe.name}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${formatDistance(shoe.distance_m, units, 0)} of ${formatDistance(shoe.retire_at_m, units, 0)}`}
      >
        <div className={`progress-fill ${state === "fresh" ? "" : "waiting"}`} style={{ width: `${percent}%` }} />
      </div>
      <p>
        <strong>{formatDistance(shoe.distance_m, units, 0)}</strong> of {formatDistance(shoe.retire_at_m, units, 0)}
        {!shoe.retired && state !== "retire" && <span className="muted"> · {formatDistance(remaining(shoe), units, 0)} left</span>}
      </p>
      {WARNINGS[state] && (
        <p className="warning" role="status">
          {WARNINGS[state]}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={() => update.mutate({ id: shoe.id, changes: { retired: !shoe.retired } })}>
          {shoe.retired ? `Wear ${shoe.name} again` : `Retire ${shoe.name}`}
        </button>{" "}
        <button
          type="button"
          className="danger"
          onClick={() => window.confirm(`Delete ${shoe.name}? Its runs stay.`) && remove.mutate(shoe.id)}
        >
          Delete
        </button>
      </div>
      {(update.error || remove.error) && <ErrorState error={update.error ?? remove.error} />}
    </li>
  );
}
