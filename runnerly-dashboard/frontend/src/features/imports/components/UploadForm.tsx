import { useRef, useState, type DragEvent, type FormEvent } from "react";
import { ErrorState } from "@/components/States";
import { useUploadFiles } from "../api";
import { ACCEPT, sortFiles } from "../jobs";

/** A multiple-file input that also takes files dropped on it; what is not an activity file
 * is named and left out, the rest goes up in one request. */
export function UploadForm() {
  const upload = useUploadFiles();
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<File[]>([]);
  const [skipped, setSkipped] = useState<string[]>([]);
  const [dragging, setDragging] = useState(false);

  function choose(files: FileList | null) {
    const sorted = sortFiles(Array.from(files ?? []));
    setChosen(sorted.accepted);
    setSkipped(sorted.skipped);
    upload.reset();
  }

  function drop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    choose(event.dataTransfer.files);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    upload.mutate(chosen, {
      onSuccess: () => {
        setChosen([]);
        setSkipped([]);
        if (input.current) input.current.value = "";
      },
    });
  }

  return (
    <form className="card upload-form" aria-labelledby="upload-title" onSubmit={submit}>
      <h2 id="upload-title">Upload files</h2>
      <p>
        GPX, TCX or FIT files from a watch or an app (gzipped too), or the ZIP of a Strava or Garmin export. A file
        uploaded twice, or a run already here from Strava, makes no second run.
      </p>
      <div
        className={`dropzone${dragging ? " dragging" : ""}`}
        onDragOver={(event) => (event.preventDefault(), setDragging(true))}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
      >
        <label htmlFor="activity-files">Activity files</label>
        <input
          id="activity-files"
          ref={input}
          type="file"
          multiple
          accept={ACCEPT}
          aria-describedby="activity-files-hint"
          onChange={(event) => choose(event.target.files)}
        />
        <p id="activity-files-hint" className="muted">
          .gpx, .tcx, .fit, .gz or .zip; choose several, or drop them here.
        </p>
      </div>
      {chosen.length > 0 && (
        <p>
          Ready: {chosen.map((file) => file.name).join(", ")}.
        </p>
      )}
      {skipped.length > 0 && (
        <p className="warning" role="status">
          Left out, not an activity file: {skipped.join(", ")}.
        </p>
      )}
      <button type="submit" disabled={chosen.length === 0 || upload.isPending}>
        {upload.isPending ? "Uploading…" : chosen.length > 1 ? `Upload ${chosen.length} files` : "Upload"}
      </button>
      {upload.isSuccess && (
        <p role="status">
          Uploaded: {upload.data.jobs.length === 1 ? "1 activity" : `${upload.data.jobs.length} activities`} to import.
        </p>
      )}
      {upload.error && <ErrorState error={upload.error} />}
    </form>
  );
}
