import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, request, type Schemas } from "@/lib/api";

export type Run = Schemas["Run"];
export type RunDetail = Schemas["RunDetail"];

export interface RunFilters {
  from?: string;
  to?: string;
  source?: Schemas["Source"];
  min_distance_m?: number;
  max_distance_m?: number;
  q?: string;
  page?: number;
  per_page?: number;
}

export function useRuns(filters: RunFilters) {
  return useQuery({
    queryKey: ["runs", filters],
    queryFn: () => api.get<Schemas["RunPage"]>("/api/runs", { ...filters }),
    placeholderData: keepPreviousData,
  });
}

export function useRun(runId: number) {
  return useQuery({ queryKey: ["run", runId], queryFn: () => api.get<RunDetail>(`/api/runs/${runId}`) });
}

export function useUpdateRun(run: RunDetail) {
  const client = useQueryClient();
  return useMutation({
    // If-Match: a change made meanwhile elsewhere (a Strava edit) is not overwritten.
    mutationFn: (changes: Schemas["RunEdit"]) =>
      request<RunDetail>("PATCH", `/api/runs/${run.id}`, changes, { "If-Match": `"${run.version}"` }),
    onSuccess: (updated) => {
      client.setQueryData(["run", run.id], updated);
      void client.invalidateQueries({ queryKey: ["runs"] });
    },
  });
}

export function useDeleteRun(runId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete(`/api/runs/${runId}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ["runs"] }),
  });
}
