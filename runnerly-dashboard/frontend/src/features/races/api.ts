import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "@/lib/api";

export const useRaces = (from: string, q: string) =>
  useQuery({ queryKey: ["races", from, q], queryFn: () => api.get<Schemas["RacePage"]>("/api/races", { from, q, per_page: 100 }) });

export function useAddRace() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (race: Schemas["NewRace"]) => api.post<Schemas["Race"]>("/api/races", race),
    onSuccess: () => client.invalidateQueries({ queryKey: ["races"] }),
  });
}
