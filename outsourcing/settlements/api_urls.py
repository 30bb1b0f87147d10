from django.urls import include, path
from rest_framework.routers import DefaultRouter

from outsourcing.settlements import api

router = DefaultRouter()
router.register("settlements", api.SettlementViewSet, basename="settlement")
router.register("invoices", api.InvoiceViewSet, basename="invoice")
router.register("tax-rules", api.TaxRuleViewSet, basename="tax-rule")
router.register("project-budgets", api.ProjectBudgetViewSet, basename="project-budget")
router.register("hidden-costs", api.HiddenCostViewSet, basename="hidden-cost")

urlpatterns = [path("", include(router.urls))]
