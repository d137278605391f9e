import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "@/lib/api";

export type StravaStatus = Schemas["StravaStatus"];

/** The Strava link; polled every 2 s while the backfill runs, so the bar moves by itself. */
export function useStravaStatus() {
  return useQuery({
    queryKey: ["strava"],
    queryFn: () => api.get<StravaStatus>("/api/strava"),
    refetchInterval: (query) => {
      const state = query.state.data?.link?.backfill.state;
      return state && state !== "done" ? 2000 : false;
    },
  });
}

export function useStartLink() {
  return useMutation({
    mutationFn: () => api.post<Schemas["AuthorizeRedirect"]>("/api/strava/link"),
    onSuccess: (redirect) => window.location.assign(redirect.authorize_url),
  });
}

export function useCompleteLink() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["StravaCallback"]) => api.post<StravaStatus>("/api/strava/link/callback", body),
    onSuccess: (status) => client.setQueryData(["strava"], status),
  });
}

export function useUnlink() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete("/api/strava"),
    onSuccess: () => client.invalidateQueries(),
  });
}

export function useUpdateProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (changes: Schemas["ProfileChanges"]) => api.patch<Schemas["Profile"]>("/api/me", changes),
    onSuccess: (profile) => {
      client.setQueryData(["me"], profile);
      void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== "me" && q.queryKey[0] !== "session" });
    },
  });
}

export function useDeleteAccount() {
  const client = useQueryClient();
  return useMutation({ mutationFn: () => api.delete("/api/me"), onSuccess: () => client.clear() });
}

export function useChangePassword() {
  return useMutation({ mutationFn: (body: Schemas["PasswordChange"]) => api.put<Schemas["Session"]>("/api/password", body) });
}

export function useChangeEmail() {
  return useMutation({ mutationFn: (body: Schemas["EmailChange"]) => api.put<Schemas["Message"]>("/api/email", body) });
}

/** Downloads the export archive through the browser's own download. */
export async function downloadExport(): Promise<void> {
  const archive = await api.get<Schemas["Export"]>("/api/me/export");
  const url = URL.createObjectURL(new Blob([JSON.stringify(archive, null, 2)], { type: "application/json" }));
  const link = Object.assign(document.createElement("a"), { href: url, download: "runnerly-export.json" });
  link.click();
  URL.revokeObjectURL(url);
}
