// Word lists for deterministic demo names. Indexing is by arithmetic on row numbers, so the same scale always
// produces the same data.

export const ENTERPRISE_PREFIXES = ['渝', '巴渝', '嘉陵', '长江', '山城', '两江', '缙云', '南山', '歌乐', '金佛', '朝天', '磁器', '解放', '鹅岭', '龙门', '白帝', '仙女', '綦河', '乌江', '涪江'];
export const INDUSTRIES = ['智能制造', '汽车零部件', '电子信息', '生物医药', '新材料', '清洁能源', '建筑工程', '软件', '精细化工', '装备制造', '食品', '环保科技', '轨道交通', '集成电路', '数字技术'];
export const COMPANY_SUFFIXES = ['科技有限公司', '股份有限公司', '集团有限公司', '有限责任公司'];
export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '袁', '潘', '于', '蒋', '蔡', '余', '杜', '叶', '程', '苏', '魏', '吕', '丁', '任', '沈'];
export const GIVEN_NAMES = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞', '平', '刚', '桂英', '建华', '志强', '晓东', '雪梅', '海燕', '国庆', '文博', '子涵', '思远', '嘉怡', '浩然', '雨婷', '俊杰', '欣怡', '宇航', '梓萱', '天佑', '诗琪'];
export const LEARNED_SOCIETIES = ['重庆市机械工程学会', '重庆市电子学会', '重庆市化学化工学会', '重庆市汽车工程学会', '重庆市计算机学会', '重庆市土木建筑学会', '重庆市生物医学工程学会', '重庆市环境科学学会'];
/** Professional fields, in the order of LEARNED_SOCIETIES: the field of each society's members. */
export const FIELDS = ['机械工程', '电子信息', '化学工程与技术', '车辆工程', '计算机科学与技术', '土木工程', '生物医学工程', '环境科学与工程'];
/** Professional titles (职称) the demo's persons hold. */
export const TITLES = ['正高级工程师', '高级工程师', '高级工程师', '工程师', '工程师', '工程师', '助理工程师', '研究员', '副研究员', '高级经济师', '高级技师', '技师'];
export const ACTIVITY_TITLES: Record<string, string> = {
  POLITICAL_GUIDANCE: '科技工作者思想政治引领专题学习',
  ACADEMIC_EXCHANGE: '产学研用学术交流会',
  TECHNICAL_PROBLEM_SOLVING: '关键技术攻关项目',
  TRAINING: '创新方法与知识产权培训',
  SCIENCE_POPULARISATION: '科普进园区活动',
  THINK_TANK: '产业发展咨询论证会',
  CULTURE_AND_INTEGRITY: '科学家精神与科研诚信宣讲',
  OTHER: '科技工作者之家开放日',
};

/** Drops the administrative suffix: 沙坪坝区 → 沙坪坝, 石柱土家族自治县 → 石柱. */
export function shortDistrictName(nameZh: string): string {
  const autonomous = nameZh.indexOf('土家族');
  const miao = nameZh.indexOf('苗族');
  const cut = [autonomous, miao].filter((i) => i > 0);
  if (cut.length) return nameZh.slice(0, Math.min(...cut));
  if (nameZh.length > 2 && /[区县]$/.test(nameZh)) return nameZh.slice(0, -1);
  return nameZh;
}
