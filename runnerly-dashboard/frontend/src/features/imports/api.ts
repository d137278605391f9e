import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { api, type Schemas } from "@/lib/api";
import { isFinished } from "./jobs";

export const JOBS_PER_PAGE = 20;
const POLL_MS = 2000;

/** A page of the runner's import jobs, newest first; polled while any of them is not finished. */
export function useImportJobs(page: number) {
  return useQuery({
    queryKey: ["imports", page],
    queryFn: () => api.get<Schemas["ImportJobPage"]>("/api/imports", { page, per_page: JOBS_PER_PAGE }),
    refetchInterval: (query) => (query.state.data?.items.some((job) => !isFinished(job)) ? POLL_MS : false),
  });
}

export function useUploadFiles() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (files: readonly File[]) => api.upload<Schemas["ImportUpload"]>("/api/imports", "file", files),
    onSuccess: () => client.invalidateQueries({ queryKey: ["imports"] }),
  });
}

/** Runs, totals and training change as jobs finish: everything but the account is asked again. */
export function useRefreshRuns() {
  const client = useQueryClient();
  return useCallback(
    () => client.invalidateQueries({ predicate: (q) => !["imports", "me", "session"].includes(String(q.queryKey[0])) }),
    [client],
  );
}
