import { Connection } from '@chibo/service-kit';
import { MemberType } from './member-types';

/** Danh sách đảng viên (phân trang kiểu Relay). */
export const MemberConnection = Connection(MemberType, 'Member');
