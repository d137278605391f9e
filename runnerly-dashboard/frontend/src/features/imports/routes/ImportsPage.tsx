import { Link } from "react-router-dom";
import { ImportJobList } from "../components/ImportJobList";
import { UploadForm } from "../components/UploadForm";

export function ImportsPage() {
  return (
    <>
      <h1>Import files</h1>
      <p>
        Bring in runs from any watch or app. With Strava linked in <Link to="/settings">Settings</Link> they arrive by
        themselves.
      </p>
      <UploadForm />
      <ImportJobList />
    </>
  );
}
