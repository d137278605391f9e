import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, rememberCsrf, type Schemas } from "@/lib/api";

export type Session = Schemas["Session"];
export type Profile = Schemas["Profile"];

async function fetchSession(): Promise<Session> {
  const session = await api.get<Session>("/api/session");
  rememberCsrf(session.csrf_token);
  return session;
}

export function useSession() {
  return useQuery({ queryKey: ["session"], queryFn: fetchSession, staleTime: 60_000 });
}

export function useProfile(enabled = true) {
  return useQuery({ queryKey: ["me"], queryFn: () => api.get<Profile>("/api/me"), enabled });
}

/** After any change of who is signed in, everything cached belongs to someone else. */
function useSessionChange() {
  const client = useQueryClient();
  return (session: Session | void) => {
    client.clear();
    if (session) {
      rememberCsrf(session.csrf_token);
      client.setQueryData(["session"], session);
    }
  };
}

export function useLogin() {
  const changed = useSessionChange();
  return useMutation({
    mutationFn: (body: Schemas["Credentials"]) => api.post<Session>("/api/login", body),
    onSuccess: changed,
  });
}

export function useLogout(everywhere = false) {
  const changed = useSessionChange();
  return useMutation({
    mutationFn: () => api.post<void>(everywhere ? "/api/logout-everywhere" : "/api/logout"),
    onSuccess: () => changed(),
  });
}

export function useSignUp() {
  return useMutation({ mutationFn: (body: Schemas["SignUp"]) => api.post<Schemas["Message"]>("/api/signup", body) });
}

export function useConfirmSignUp() {
  const changed = useSessionChange();
  return useMutation({
    mutationFn: (token: string) => api.post<Session>("/api/signup/confirm", { token }),
    onSuccess: changed,
  });
}

export function useForgotPassword() {
  return useMutation({
    mutationFn: (email: string) => api.post<Schemas["Message"]>("/api/password/forgot", { email }),
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: (body: Schemas["PasswordReset"]) => api.post<void>("/api/password/reset", body),
  });
}

export function useConfirmEmail() {
  return useMutation({ mutationFn: (token: string) => api.post<void>("/api/email/confirm", { token }) });
}

export function useStravaLogin() {
  return useMutation({
    mutationFn: () => api.post<Schemas["AuthorizeRedirect"]>("/api/strava/login"),
    onSuccess: (redirect) => window.location.assign(redirect.authorize_url),
  });
}

export function useCompleteStravaLogin() {
  const changed = useSessionChange();
  return useMutation({
    mutationFn: (body: Schemas["StravaCallback"]) => api.post<Session>("/api/strava/login/callback", body),
    onSuccess: changed,
  });
}

/** The runner's units and time zone, which every page formats with. */
export function usePrefs(): { units: "metric" | "imperial"; timezone: string } {
  const profile = useProfile();
  return {
    units: profile.data?.units ?? "metric",
    timezone: profile.data?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
}
