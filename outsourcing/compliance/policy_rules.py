"""The policy library's rules as data (制度与检查清单, P1§5(一)1, AUD-3): the seed's 四篇《劳务外包管理制度》, each rule
with its article and area. Read by migration 0005 (which inserts them) and by `ensure_policy_library`, which puts
back any rule missing — a database flushed by a browser test, or a demo loaded into such a database. No model import
here: a migration reads this module."""

# ruff: noqa: E501 (one rule per line, as the policy words it)

# code, article, area, rule
RULES = [
    ("P1-06", "篇一 第六条", "vendor", "外包商须具备独立法人资格、有效营业执照及提供服务所必需的行业资质、许可或认证。"),
    ("P1-07-2", "篇一 第七条（二）", "sourcing", "通过合格供应商库、公开招标、行业推荐等方式筛选3家以上候选外包商。"),
    ("P1-07-3", "篇一 第七条（三）", "sourcing", "评估小组对候选外包商进行资料审核、现场考察，从资质、业绩、能力、财务、报价等方面综合评估并出具评估报告。"),
    ("P1-08-1", "篇一 第八条（一）", "contract", "劳务外包必须签订书面合同，采用公司标准范本或经法务部审核通过的版本。"),
    ("P1-09-2", "篇一 第九条（二）", "workforce", "外包人员入场前，外包商须提供人员清单及其劳动合同、社保缴纳等证明材料备案。"),
    ("P1-09-3", "篇一 第九条（三）", "workforce", "业务部门只做岗位安全、保密制度及工作环境介绍，不得进行公司层面的入职培训。"),
    ("P1-09-4", "篇一 第九条（四）", "workforce", "外包人员佩戴可明确识别其身份的证件，与公司正式员工区分。"),
    ("P1-10-1", "篇一 第十条（一）", "operations", "业务部门仅对服务和工作成果进行监督、指导和验收，不得对外包人员直接考勤、考核、指令调配、奖惩。"),
    ("P1-10-2", "篇一 第十条（二）", "operations", "对工作的安排、调整和指令通过外包商的现场负责人传达和协调。"),
    ("P1-11-1", "篇一 第十一条（一）", "performance", "人力资源部牵头、业务部门主导，定期对外包项目的整体服务质量进行评估。"),
    ("P1-12", "篇一 第十二条", "settlement", "业务部门依据验收情况审核结算申请及发票，人力资源部审核用工合规性，经审批后由财务部支付。"),
    ("P1-13-1", "篇一 第十三条（一）", "legal", "严禁将劳务外包异化为劳务派遣，严格区分管理界面，避免对外包人员进行直接的员工化管理。"),
    ("P1-13-2", "篇一 第十三条（二）", "legal", "定期检查外包商的用工合规性，要求其提供为外包人员缴纳社保、公积金及支付工资的凭证。"),
    ("P1-13-3", "篇一 第十三条（三）", "incidents", "发生涉及外包人员的劳动争议或工伤事故，立即通知外包商，由外包商作为责任主体处理。"),
    ("P1-14-1", "篇一 第十四条（一）", "security", "与外包商签订独立的《保密协议》，明确外包人员服务期间及期满后的保密义务。"),
    ("P1-14-2", "篇一 第十四条（二）", "security", "按“最小必要”原则开通外包人员所需的系统、网络访问权限，并严格管控和审计。"),
    ("P1-14-3", "篇一 第十四条（三）", "security", "服务结束后及时收回门禁卡、办公设备，并关闭所有系统权限。"),
    ("P1-15-1", "篇一 第十五条（一）", "exit", "合同到期前，业务部门根据绩效评估结果和业务需求决定是否续签，并提前启动流程。"),
    ("P1-15-3", "篇一 第十五条（三）", "exit", "项目终止时与外包商共同制定退出计划，确保工作交接、资料移交、资产回收。"),
    ("P2-3.2-1", "篇二 3.2（1）", "incidents", "发生工伤、重大服务中断、信息泄露等突发事件，立即启动应急预案，通知人力资源部、法务部，并要求外包商履行主体责任。"),
    ("P3-03-2", "篇三 第三条 管控措施2", "contract", "合同明确外包商的用工主体地位和全部责任，要求其定期提供花名册、劳动合同、工资支付凭证和社保缴纳证明。"),
    ("P3-03-4", "篇三 第三条 管控措施4", "vendor", "选择外包商时审查其主体资格、经营范围、行业许可、劳动保障信用等级及涉诉情况。"),
    ("P3-04-1", "篇三 第四条 管控措施1", "continuity", "关键业务外包须有与外包商共同审定的业务连续性计划，公司内部保有备用方案或人员储备。"),
    ("P3-04-4", "篇三 第四条 管控措施4", "continuity", "外包商将服务中的关键知识、流程、文档标准化沉淀并定期向公司移交。"),
    ("P3-05-2", "篇三 第五条 管控措施2", "settlement", "准入评估及年度复审中审查外包商财务报表，评估其偿债能力和经营状况。"),
    ("P3-05-3", "篇三 第五条 管控措施3", "settlement", "支付申请附经确认的工作量确认单或绩效评估报告，核对合同、发票、确认单信息一致。"),
    ("P3-06-2", "篇三 第六条 管控措施2", "security", "所有权限的申请、变更和关闭都经严格审批和记录。"),
    ("P3-06-3", "篇三 第六条 管控措施3", "security", "定期对为外包人员开放的系统进行安全审计；外包商对其员工进行信息安全和保密培训并提供培训记录。"),
    ("P3-07", "篇三 第七条", "oversight", "人力资源部与内控/审计部至少每年一次对劳务外包业务进行专项审计；业务部门在项目管理报告中纳入外包风险监控状况。"),
    ("P3-08", "篇三 第八条", "incidents", "发现重大风险事件或隐患，第一时间向上级及归口管理部门报告，成立应急小组并启动应急预案。"),
]


def ensure_policy_library(policy_rule_model) -> int:
    """Insert the rules whose code is missing (an existing rule, reworded or retired since, is left as it is);
    returns how many were inserted."""
    have = set(policy_rule_model.objects.values_list("code", flat=True))
    missing = [policy_rule_model(code=code, article=article, area=area, text=text)
               for code, article, area, text in RULES if code not in have]  # fmt: skip
    policy_rule_model.objects.bulk_create(missing)
    return len(missing)
