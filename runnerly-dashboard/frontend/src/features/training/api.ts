import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "@/lib/api";

export type Fitness = Schemas["Fitness"];
export type Load = Schemas["Load"];
export type Zones = Schemas["Zones"];

export const useFitness = () => useQuery({ queryKey: ["fitness"], queryFn: () => api.get<Fitness>("/api/fitness") });
export const useLoad = (from?: string) =>
  useQuery({ queryKey: ["load", from], queryFn: () => api.get<Load>("/api/load", { from }) });
export const useZones = (from?: string) =>
  useQuery({ queryKey: ["zones", from], queryFn: () => api.get<Zones>("/api/zones", { from }) });
export const usePlans = () =>
  useQuery({ queryKey: ["plans"], queryFn: () => api.get<Schemas["PlanList"]>("/api/plans") });
export const usePlan = (planId: number, enabled = true) =>
  useQuery({ queryKey: ["plan", planId], enabled, queryFn: () => api.get<Schemas["PlanProgress"]>(`/api/plans/${planId}`) });

export function useCreatePlan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (plan: Schemas["NewTrainingPlan"]) => api.post<Schemas["BuiltPlan"]>("/api/plans", plan),
    onSuccess: () => client.invalidateQueries({ queryKey: ["plans"] }),
  });
}

export function useDeletePlan(planId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete(`/api/plans/${planId}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ["plans"] }),
  });
}
