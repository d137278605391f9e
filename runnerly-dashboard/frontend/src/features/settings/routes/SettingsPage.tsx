import { useSearchParams } from "react-router-dom";
import { ErrorState, QueryView } from "@/components/States";
import { useProfile } from "@/features/auth/api";
import { useUpdateProfile } from "../api";
import { AccountSection } from "../components/AccountSection";
import { ProfileForm } from "../components/ProfileForm";
import { StravaSection } from "../components/StravaSection";

function Preferences({ units, report }: { units: "metric" | "imperial"; report: boolean }) {
  const update = useUpdateProfile();
  return (
    <section className="card" aria-labelledby="prefs-title">
      <h2 id="prefs-title">Preferences</h2>
      <fieldset className="inline">
        <legend>Units</legend>
        <label>
          <input type="radio" name="units" checked={units === "metric"} onChange={() => update.mutate({ units: "metric" })} /> Kilometres
        </label>
        <label>
          <input type="radio" name="units" checked={units === "imperial"} onChange={() => update.mutate({ units: "imperial" })} /> Miles
        </label>
      </fieldset>
      <label className="checkbox">
        <input type="checkbox" checked={report} onChange={(e) => update.mutate({ monthly_report: e.target.checked })} /> E-mail me a
        report on the 1st of each month
      </label>
      {update.error && <ErrorState error={update.error} />}
    </section>
  );
}

export function SettingsPage() {
  const profile = useProfile();
  const welcome = useSearchParams()[0].has("welcome");
  return (
    <>
      <h1>Settings</h1>
      {welcome && (
        <p className="welcome" role="status">
          Welcome to Runnerly! Link Strava below to bring in your runs.
        </p>
      )}
      <StravaSection />
      <QueryView query={profile}>
        {(data) => (
          <>
            <Preferences units={data.units} report={data.monthly_report} />
            <ProfileForm profile={data} />
          </>
        )}
      </QueryView>
      <AccountSection />
    </>
  );
}
