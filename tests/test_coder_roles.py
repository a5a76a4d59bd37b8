"""Role-head logic: a title is [field][role], and the role decides what job it is and which work type."""

from __future__ import annotations

import pytest

from newocc._store import current, vocabulary
from newocc.coder import default
from newocc.coder.lexicon import work_types
from newocc.model import RoleClass


@pytest.mark.parametrize(
    "title",
    ["3D打印讲师", "云计算培训讲师", "物联网销售", "区块链客服", "人工智能招聘专员", "3D打印机外贸专员"],
)
def test_a_teacher_seller_recruiter_or_service_of_a_field_is_not_its_occupation(title: str) -> None:
    assert default().match(title) is None


def test_a_programmer_of_a_field_is_a_programmer() -> None:
    # A language or back-end word as the head (PHP程序员, java工程师) is a programmer's
    # job, which the field's occupation (an assembler of smart hardware) does not take.
    assert default().match("智能硬件PHP程序员") is None
    found = default().classify("智能硬件PHP程序员")
    assert found is not None
    assert found.evidence.role == "programmer"
    assert not found.is_new
    lexicon = default()._lexicon
    assert lexicon.read("java工程师").head == "programmer"
    assert lexicon.read("后端开发").head == "developer"  # a developer of the back end: either
    assert "programmer" in lexicon.roles_of("计算机软件工程技术人员")[0]
    assert "programmer" in lexicon.roles_of("大数据工程技术人员")[1]  # tolerated, not taken


@pytest.mark.parametrize("title", ["电竞UI设计", "直播间美工", "无人机美工", "游戏美工"])
def test_a_visual_designer_of_a_field_is_a_visual_designer(title: str) -> None:
    # UI, 美工, 平面设计 name the visual designer's job (an older occupation), which
    # an occupation that only tolerates designers of its own kind does not take.
    assert default().match(title) is None
    found = default().classify(title)
    assert found is not None
    assert found.occupation.name_zh == "视觉传达设计人员"
    assert found.evidence.role == "visual_designer"


@pytest.mark.parametrize("title", ["区块链销售总监-经理级", "大数据销售经理-经理岗"])
def test_the_head_role_is_read_in_the_segment_with_a_role_of_its_own(title: str) -> None:
    # A trailing rank (-经理级) has a role word but says nothing of the job: the
    # head is the seller's of the segment before it.
    assert default().match(title) is None


@pytest.mark.parametrize(
    ("title", "occupation", "work_type"),
    [
        ("电商主播", "互联网营销师", "直播销售员"),
        ("数据标注实习生", "人工智能训练师", "数据标注员"),
        ("AI模型测试实习生", "人工智能训练师", "人工智能算法测试员"),
        ("测试开发工程师（AI）", "人工智能训练师", "人工智能算法测试员"),
        ("渗透测试实习生", "信息安全测试员", "渗透测试员"),
    ],
)
def test_the_head_role_names_the_work_type(title: str, occupation: str, work_type: str) -> None:
    # The best candidate, whether or not it reaches the operating point: the work
    # type is read off the head role either way.
    (found,) = default().search(title, limit=1)
    assert found.occupation.name_zh == occupation
    assert found.sub_role is not None
    assert found.sub_role.name_zh == work_type


@pytest.mark.parametrize("title", ["人工智能训练师", "AI训练师"])
def test_a_role_the_occupation_itself_heads_names_no_work_type(title: str) -> None:
    found = default().match(title)
    assert found is not None
    assert found.occupation.name_zh == "人工智能训练师"
    assert found.sub_role is None


def test_what_a_work_type_is_about() -> None:
    lexicon = default()._lexicon
    assert lexicon.name_roles("数据标注员") == {"annotator"}
    assert lexicon.name_roles("人工智能算法测试员") == {"tester"}
    # The head entry of that very name adds hosts: a host who sells live is a 直播销售员.
    assert {"live_sales", "host"} <= lexicon.name_roles("直播销售员")
    trainer = next(o for o in current().occupations if o.name_zh == "人工智能训练师")
    # 训练师 heads the occupation's own name: it is the occupation, not one of its work types.
    assert "ai_trainer" not in lexicon.work_roles(trainer, True)
    assert {"annotator", "tester"} <= lexicon.work_roles(trainer, True)
    assert work_types(trainer, False) == []


def test_role_classes_that_decide_are_data() -> None:
    roles = {role.id: role for role in vocabulary().lexicon.roles}
    assert roles["teacher"].decides
    assert roles["sales"].decides
    assert not roles["engineer"].decides
    assert default()._lexicon.decides == {r for r, role in roles.items() if role.decides}
    assert RoleClass("x", False, ("x",), (), True).decides is False
