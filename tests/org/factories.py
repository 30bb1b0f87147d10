"""Factories for the organisation (people and departments beyond the demo company)."""

import factory

from outsourcing.org.models import Department, Role, RoleAssignment, User, UserKind


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    name = factory.Sequence(lambda n: f"测试部门{n}")
    code = factory.Sequence(lambda n: f"T-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"测试用户{n}")
    kind = UserKind.INTERNAL
    password = factory.PostGenerationMethodCall("set_password", "outsourcing-demo")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        """UserFactory(roles=[Role.HR, (Role.DEPT_HEAD, department)])"""
        for entry in extracted or []:
            role, department = entry if isinstance(entry, tuple) else (entry, None)
            RoleAssignment.objects.create(user=self, role=role, department=department)
        if create:
            self.save()


__all__ = ["DepartmentFactory", "Role", "UserFactory"]
