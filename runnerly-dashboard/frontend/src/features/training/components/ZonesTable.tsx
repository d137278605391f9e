import { formatDuration } from "@/lib/units";
import type { Zones } from "../api";

const KEYS = ["zone_1", "zone_2", "zone_3", "zone_4", "zone_5"] as const;

export function ZonesTable({ zones }: { zones: Zones }) {
  const recent = zones.weeks.slice(-6).reverse();
  return (
    <>
      <p className="muted">
        Zones from a resting heart rate of {Math.round(zones.profile.resting_heartrate)} and a maximum of{" "}
        {Math.round(zones.profile.max_heartrate)} bpm
        {zones.profile.estimated.length > 0 && " (estimated: set yours in Settings)"}.
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Time in zone per week">
        <table>
          <thead>
            <tr>
              <th scope="col">Week of</th>
              {zones.zones.map((zone) => (
                <th scope="col" key={zone.zone}>
                  Z{zone.zone} <span className="muted">{Math.round(zone.min_bpm)}–{Math.round(zone.max_bpm)}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {recent.map((week) => (
              <tr key={week.week_start}>
                <th scope="row">{week.week_start}</th>
                {KEYS.map((key) => (
                  <td key={key}>{week.seconds[key] ? formatDuration(week.seconds[key]) : "–"}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
