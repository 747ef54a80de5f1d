import { budgetsFromEnv, type BudgetLimits } from '@chibo/domain';

/**
 * The platform's default budgets are the gateway's configuration; it states them with every
 * admission it asks for, so what a key list shows is what the gateway enforces. Before the first
 * admission (a fresh process), this process's environment says the same thing in production.
 */
let gatewayDefaults: BudgetLimits | null = null;

export function noteGatewayBudgets(limits: BudgetLimits): void {
  gatewayDefaults = limits;
}

export function platformBudgets(): BudgetLimits {
  return gatewayDefaults ?? budgetsFromEnv(process.env);
}
