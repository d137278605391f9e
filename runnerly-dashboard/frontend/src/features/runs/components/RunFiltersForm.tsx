import { useId } from "react";
import { distanceLabel, type Units } from "@/lib/units";

export interface FilterValues {
  from: string;
  to: string;
  source: "" | "strava" | "upload" | "manual";
  q: string;
  min: string;
  max: string;
}

export function RunFiltersForm({ values, units, onChange }: {
  values: FilterValues;
  units: Units;
  onChange: (values: FilterValues) => void;
}) {
  const id = useId();
  const set = (key: keyof FilterValues) => (e: { target: { value: string } }) => onChange({ ...values, [key]: e.target.value });
  const unit = distanceLabel(units);
  return (
    <form className="filters" role="search" aria-label="Filter runs" onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor={`${id}-q`}>Search</label>
        <input id={`${id}-q`} type="search" placeholder="Name" value={values.q} onChange={set("q")} maxLength={100} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-from`}>From</label>
        <input id={`${id}-from`} type="date" value={values.from} onChange={set("from")} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>To</label>
        <input id={`${id}-to`} type="date" value={values.to} onChange={set("to")} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-source`}>Source</label>
        <select id={`${id}-source`} value={values.source} onChange={set("source")}>
          <option value="">All</option>
          <option value="strava">Strava</option>
          <option value="upload">Uploaded</option>
          <option value="manual">By hand</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-min`}>Min ({unit})</label>
        <input id={`${id}-min`} type="number" min={0} step="any" value={values.min} onChange={set("min")} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-max`}>Max ({unit})</label>
        <input id={`${id}-max`} type="number" min={0} step="any" value={values.max} onChange={set("max")} />
      </div>
    </form>
  );
}
