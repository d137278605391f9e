import { Link } from "react-router-dom";
import { ErrorState, QueryView } from "@/components/States";
import { usePrefs } from "@/features/auth/api";
import { formatDateTime } from "@/lib/dates";
import { useStartLink, useStravaStatus, useUnlink } from "../api";
import { backfillPercent, backfillWords, isPaused, type Backfill } from "../backfill";

function Progress({ backfill }: { backfill: Backfill }) {
  const { timezone } = usePrefs();
  const percent = backfillPercent(backfill);
  const words = backfillWords(backfill, timezone);
  return (
    <div className="backfill">
      <div
        className="progress"
        role="progressbar"
        aria-label="Strava history"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={words}
      >
        <div className={`progress-fill ${isPaused(backfill) ? "waiting" : backfill.state}`} style={{ width: `${percent ?? 5}%` }} />
      </div>
      <p aria-live="polite">{words}</p>
    </div>
  );
}

export function StravaSection() {
  const status = useStravaStatus();
  const link = useStartLink();
  const unlink = useUnlink();
  const { timezone } = usePrefs();
  return (
    <section className="card" aria-labelledby="strava-title">
      <h2 id="strava-title">Strava</h2>
      <QueryView query={status}>
        {(data) =>
          data.linked && data.link ? (
            <>
              <p>
                Linked to <strong>{data.link.athlete.name}</strong> since {formatDateTime(data.link.linked_at, timezone)}.
                {data.link.last_sync_at && ` Last sync ${formatDateTime(data.link.last_sync_at, timezone)}.`}
              </p>
              <Progress backfill={data.link.backfill} />
              <button
                type="button"
                className="danger"
                disabled={unlink.isPending}
                onClick={() => window.confirm("Unlink Strava? Your Strava runs are removed from Runnerly.") && unlink.mutate()}
              >
                Unlink Strava
              </button>
              {unlink.error && <ErrorState error={unlink.error} />}
            </>
          ) : (
            <>
              <p>
                Link Strava and your history arrives here, with every new run after it. No Strava? Upload your watch's
                files in <Link to="/imports">Import files</Link>.
              </p>
              <button type="button" className="strava" onClick={() => link.mutate()} disabled={link.isPending}>
                Link Strava
              </button>
              {link.error && <ErrorState error={link.error} />}
            </>
          )
        }
      </QueryView>
    </section>
  );
}
