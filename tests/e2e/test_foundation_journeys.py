"""The foundation, walked in a real browser as people would: logging in, the language, the organisation.

The browser's Accept-Language is English (see conftest); the system must still speak Chinese first.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from outsourcing.org.models import AuthorityMatrixVersion, Department, User

DEMO_PASSWORD = "outsourcing-demo"
IDEOGRAPHIC_SPACE = "\u3000"  # the department selects indent sub-departments with it


def expect_path(page: Page, path: str) -> None:
    """The page is at exactly `path` on the live server (no query string)."""
    expect(page).to_have_url(re.compile(r"^https?://[^/]+" + re.escape(path) + r"$"))


def log_in(page: Page, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.locator("input[name='username']").fill(username)
    page.locator("input[name='password']").fill(password)
    page.get_by_role("button", name="登录", exact=True).click()


def department_row(page: Page, name: str):
    return page.locator("tbody tr").filter(has=page.get_by_role("link", name=name, exact=True))


def test_hr_logs_in_sees_chinese_home_switches_to_english_and_logs_out(page: Page):
    """X-4, ORG-1: the login page and the home page are Chinese though the browser asks for English;
    HR lands on a home page greeting her by name with her role; one click switches to English; she
    logs out through the user menu and is back on the login page."""
    page.goto("/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.get_by_role("heading", name="登录", exact=True)).to_be_visible()
    expect(page).to_have_title(re.compile("^登录.*劳务外包管理系统$"))

    page.locator("input[name='username']").fill("hr")
    page.locator("input[name='password']").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录", exact=True).click()

    expect_path(page, "/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.locator("#greeting")).to_have_text("您好，王芳")
    expect(page.locator(".role-badge")).to_have_text(["人力资源部（归口管理）"])
    nav = page.get_by_role("navigation", name="主导航", exact=True)
    expect(nav.get_by_role("link", name="首页")).to_be_visible()

    switch = page.locator("form#language-switch button[data-language='en']")
    expect(switch).to_have_text("English")
    switch.click()

    expect_path(page, "/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#greeting")).to_have_text("Hello, 王芳")
    expect(page.locator(".role-badge")).to_have_text(["HR (policy owner)"])
    expect(
        page.get_by_role("navigation", name="Main navigation", exact=True).get_by_role("link", name="Home")
    ).to_be_visible()
    # The way back to Chinese is offered, English is shown as the current language.
    expect(page.locator("form#language-switch button[data-language='zh-hans']")).to_have_text("中文")

    page.locator("button#user-menu").click()
    logout = page.locator("button#logout-button")
    expect(logout).to_be_visible()
    logout.click()

    expect_path(page, "/accounts/login/")
    expect(page.get_by_role("heading", name="Log in", exact=True)).to_be_visible()
    # Really logged out: the home page sends her back to the login page.
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/$"))
    expect(page.locator("input[name='password']")).to_be_visible()


def test_wrong_password_is_refused_in_chinese_without_saying_which_part(page: Page):
    """X-4, X-8: a wrong password keeps the person on the login page with Django's generic message in
    Chinese; an unknown username gets exactly the same message, so the page never tells which part
    was wrong (no username probing)."""
    generic = "请输入一个正确的用户名和密码。注意，两者都区分大小写。"

    log_in(page, "hr", "not-the-password")
    expect_path(page, "/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    error = page.get_by_role("alert")
    expect(error).to_have_text(generic)
    # No field is singled out as the wrong one.
    expect(page.locator("[aria-invalid='true']")).to_have_count(0)
    expect(page.locator(".is-invalid")).to_have_count(0)
    expect(page.locator("input[name='password']")).to_have_value("")

    log_in(page, "no-such-person", DEMO_PASSWORD)
    expect_path(page, "/accounts/login/")
    expect(page.get_by_role("alert")).to_have_text(generic)
    expect(page.locator(".is-invalid")).to_have_count(0)

    # And the right password still works afterwards.
    log_in(page, "hr")
    expect_path(page, "/")
    expect(page.locator("#greeting")).to_have_text("您好，王芳")


def test_admin_builds_organisation_and_authority_matrix(page: Page):
    """ORG-1, ORG-2: the administrator adds a department under 运营中心 and sees it in the tree; a
    move of 运营中心 under its own new child is refused beside the parent field and changes nothing;
    a new user made head of the new department shows that scoped role in the user list; a new
    authority-matrix version with one more row and a reason is published and in force, and the
    previous version stays listed and readable."""
    new_name, new_code = "客户体验部", "OPS-CX"
    log_in(page, "admin")
    expect_path(page, "/")

    # ORG-1: a new department under 运营中心.
    page.get_by_role("navigation", name="主导航", exact=True).get_by_role("link", name="组织管理").click()
    expect_path(page, "/org/departments/")
    page.get_by_role("link", name="新建部门").click()
    expect(page.get_by_role("heading", name="新建部门", exact=True)).to_be_visible()
    page.get_by_label("名称", exact=True).fill(new_name)
    page.get_by_label("编码", exact=True).fill(new_code)
    page.get_by_label("上级部门", exact=True).select_option(label="运营中心")
    page.get_by_role("button", name="保存", exact=True).click()

    expect_path(page, "/org/departments/")
    expect(page.get_by_role("alert")).to_contain_text(f"部门“{new_name}”已创建。")
    new_row = department_row(page, new_name)
    expect(new_row).to_have_count(1)
    expect(new_row.locator(".tree-indent")).to_have_count(1)  # one level down
    expect(new_row).to_contain_text(new_code)
    names = page.locator("tbody tr td:first-child a").all_inner_texts()
    assert names.index("运营中心") < names.index(new_name) < names.index("行政部"), names
    expect(department_row(page, "运营中心").locator(".tree-indent")).to_have_count(0)

    # ORG-1: 运营中心 cannot move under its own child.
    department_row(page, "运营中心").get_by_role("link", name="编辑", exact=True).click()
    expect(page.get_by_role("heading", name="编辑部门", exact=True)).to_be_visible()
    parent = page.get_by_label("上级部门", exact=True)
    parent.select_option(label=IDEOGRAPHIC_SPACE + new_name)
    page.get_by_role("button", name="保存", exact=True).click()

    expect(page).to_have_url(re.compile(r"/org/departments/\d+/edit/$"))
    expect(parent).to_have_attribute("aria-invalid", "true")
    refusal = "部门不能设为自身或其下级部门的下级。"
    expect(parent).to_have_accessible_description(refusal)  # tied to the field (aria-describedby)
    expect(page.get_by_text(refusal, exact=True)).to_be_visible()
    expect(page.locator(".alert-success")).to_have_count(0)
    ops = Department.objects.get(code="OPS")
    assert ops.parent_id is None
    assert Department.objects.get(code=new_code).parent_id == ops.pk
    page.get_by_role("link", name="取消", exact=True).click()
    expect_path(page, "/org/departments/")
    expect(department_row(page, "运营中心").locator(".tree-indent")).to_have_count(0)
    expect(department_row(page, new_name).locator(".tree-indent")).to_have_count(1)

    # ORG-2: a user holding a department-scoped role.
    page.get_by_role("link", name="用户与角色", exact=True).click()
    expect_path(page, "/org/users/")
    page.get_by_role("link", name="新建用户").click()
    page.get_by_label("用户名", exact=True).fill("cxhead")
    page.get_by_label("姓名", exact=True).fill("林晓")
    page.get_by_label("部门", exact=True).select_option(label=IDEOGRAPHIC_SPACE + new_name)
    page.get_by_label("职务", exact=True).fill("客户体验部经理")
    page.get_by_label("初始密码", exact=True).fill("Kehu-Tiyan-2026!")
    heads_of = page.get_by_label("担任部门负责人的部门", exact=True)
    expect(heads_of).to_have_attribute("name", "dept_head_departments")
    heads_of.select_option(label=IDEOGRAPHIC_SPACE + new_name)
    page.get_by_role("button", name="保存", exact=True).click()

    expect_path(page, "/org/users/")
    expect(page.get_by_role("alert")).to_contain_text("用户“林晓”已创建。")
    user_row = page.locator("tbody tr").filter(has=page.locator("code", has_text=re.compile("^cxhead$")))
    expect(user_row).to_have_count(1)
    expect(user_row).to_contain_text("林晓")
    expect(user_row.locator(".badge")).to_have_text([f"部门负责人 · {new_name}"])
    # The role filter finds the new head among the department heads.
    page.get_by_label("角色", exact=True).select_option(label="部门负责人")
    page.get_by_role("button", name="筛选").click()
    expect(page.locator("tbody tr code")).to_have_text(["cxhead", "depthead", "ithead"])
    assert User.objects.get(username="cxhead").check_password("Kehu-Tiyan-2026!")

    # ORG-2: a new version of the authority matrix.
    page.get_by_role("link", name="授权矩阵", exact=True).click()
    expect_path(page, "/org/authority-matrix/")
    expect(page.locator(".card-header").first).to_contain_text("版本 2")
    expect(page.locator(".card-header").first).to_contain_text("现行")
    expect(page.locator("#authority-rules tbody tr")).to_have_count(6)
    page.get_by_role("link", name="发布新版本").click()
    expect(page.get_by_role("heading", name="发布授权矩阵新版本", exact=True)).to_be_visible()
    page.locator("select[name='rules-6-document_type']").select_option(label="外包需求")
    page.locator("select[name='rules-6-approval_level']").select_option(label="财务")
    page.locator("input[name='rules-6-min_amount']").fill("200000")
    reason = "新增：外包需求20万元以上须财务审核（财务制度修订）"
    page.get_by_label("变更原因", exact=True).fill(reason)
    page.get_by_role("button", name="发布", exact=True).click()

    expect_path(page, "/org/authority-matrix/")
    expect(page.get_by_role("alert")).to_contain_text("授权矩阵版本 3 已发布。")
    header = page.locator(".card-header").first
    expect(header).to_contain_text("版本 3")
    expect(header.locator(".badge")).to_have_text("现行")
    expect(page.get_by_text(reason, exact=False).first).to_be_visible()
    rules = page.locator("#authority-rules tbody tr")
    expect(rules).to_have_count(7)
    new_rule = rules.filter(has_text="财务")
    expect(new_rule).to_have_count(1)
    expect(new_rule.locator("td")).to_have_text(["外包需求", "财务", "¥200,000.00", "无上限"])
    history = page.locator(".list-group").get_by_role("link")
    expect(history).to_have_text(["版本 3", "版本 2", "版本 1"])

    history.filter(has_text="版本 2").click()
    expect_path(page, "/org/authority-matrix/v2/")
    header = page.locator(".card-header").first
    expect(header).to_contain_text("版本 2")
    expect(header.locator(".badge")).to_have_text("已被取代")
    v2 = AuthorityMatrixVersion.objects.get(number=2)
    expect(page.get_by_text(v2.note).first).to_be_visible()
    expect(page.locator("#authority-rules tbody tr")).to_have_count(6)
    expect(page.locator("#authority-rules tbody tr").filter(has_text="财务")).to_have_count(0)
    assert AuthorityMatrixVersion.objects.count() == 3
